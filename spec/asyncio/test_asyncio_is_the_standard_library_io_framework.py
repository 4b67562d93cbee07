"""asyncio ships with Python's standard library and drives I/O: its event loop waits on sockets and serves several connections concurrently on one thread."""
import asyncio
import importlib.util
import os
import sys
import sysconfig
import threading

from claimspec import SHORT, Claim

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes="asyncio is Python's built-in I/O library.",
    verdict="holds",
)


def test_asyncio_is_found_in_the_standard_library_not_in_site_packages():
    origin = os.path.realpath(importlib.util.find_spec("asyncio").origin)
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    site = {os.path.realpath(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")}
    assert origin.startswith(stdlib + os.sep), (origin, stdlib)
    assert not any(origin.startswith(s + os.sep) for s in site)
    if hasattr(sys, "stdlib_module_names"):  # 3.10+
        assert "asyncio" in sys.stdlib_module_names


def test_one_thread_serves_several_socket_connections_at_once():
    async def main():
        open_connections = []
        peak = []
        all_connected = asyncio.Event()

        async def handle(reader, writer):
            open_connections.append(threading.get_ident())
            peak.append(len(open_connections))
            if len(open_connections) == 3:
                all_connected.set()
            await all_connected.wait()  # each handler waits while the others are served
            writer.write((await reader.readline()).upper())
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]

        async def client(word):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(word.encode() + b"\n")
            await writer.drain()
            reply = await reader.readline()
            writer.close()
            return reply

        try:
            replies = await asyncio.wait_for(asyncio.gather(*(client(w) for w in ("a", "b", "c"))), SHORT)
        finally:
            server.close()
            await server.wait_closed()
        return replies, peak, set(open_connections)

    replies, peak, threads = asyncio.run(main())
    assert replies == [b"A\n", b"B\n", b"C\n"]
    assert max(peak) == 3  # three connections in progress at the same time
    assert threads == {threading.get_ident()}  # all on this one thread
