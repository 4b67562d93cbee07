"""asyncio ships with Python's standard library and drives I/O: its event loop waits on sockets and serves several connections concurrently on one thread."""
import asyncio
import sys
import threading

from claimspec import SHORT, Claim
from spec.asyncio.stdlib_probe import in_stdlib

CLAIM = Claim(
    section="Concurrency: asyncio",
    notes="asyncio is a built-in I/O library.",
    verdict="holds",
    truth=(
        "asyncio is in the standard library of every Python since 3.4 (nothing to install), and its "
        "event loop drives I/O: one thread serves several socket connections at the same time."
    ),
    line=1671,
)


def test_asyncio_is_found_in_the_standard_library_not_in_site_packages():
    """`asyncio` is imported from the standard library directory, and is in `sys.stdlib_module_names` (3.10+)"""
    # Red on an interpreter whose asyncio came from a package index (a site-packages backport).
    assert in_stdlib("asyncio")
    if hasattr(sys, "stdlib_module_names"):  # 3.10+
        assert "asyncio" in sys.stdlib_module_names


def test_one_thread_serves_several_socket_connections_at_once():
    """One thread's event loop holds three socket connections open at once and answers each of them"""
    # Red if the server handled connections one at a time (each handler waits for all three: the
    # wait_for times out).
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
