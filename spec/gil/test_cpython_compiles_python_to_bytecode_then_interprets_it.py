"""Being interpreted is a property of an implementation, not of Python: CPython compiles source to bytecode and interprets that, PyPy adds a JIT to machine code."""
import dis
import importlib.util
import py_compile
import sys

from claimspec import Claim, pypy_only

CLAIM = Claim(
    section="GIL",
    notes="Python is an interpreted language.",
    verdict="partly",
    truth="CPython, the usual implementation, compiles source to bytecode (cached in __pycache__ "
    "as .pyc files) and runs that bytecode in an interpreter loop, which is why it needs a lock "
    "such as the GIL around its shared state. But 'interpreted' describes an implementation, not "
    "the language: PyPy compiles hot loops to machine code with its JIT, numba compiles chosen "
    "functions to machine code, and CPython 3.13+ can be built with an experimental JIT.",
    line=312,
)


def _square(n):
    return n * n


def test_cpython_compiles_source_to_a_code_object_of_bytecode():
    """`compile` turns source into a code object whose bytecode `dis` lists instruction by instruction"""
    # Red on an implementation that runs source or a tree directly (no bytecode, nothing to list).
    code = compile("total = 6 * 7", "<source>", "exec")
    assert isinstance(code.co_code, bytes) and code.co_code
    assert [i.opname for i in dis.get_instructions(_square)][-1] == "RETURN_VALUE"
    namespace = {}
    exec(code, namespace)
    assert namespace["total"] == 42


def test_a_compiled_module_is_cached_as_bytecode_with_this_interpreters_magic_number(tmp_path):
    """`py_compile` writes a .pyc that starts with this interpreter's `importlib.util.MAGIC_NUMBER`"""
    source = tmp_path / "small_module.py"
    source.write_text("VALUE = 1\n")
    cached = py_compile.compile(str(source), doraise=True)
    with open(cached, "rb") as pyc:
        assert pyc.read(4) == importlib.util.MAGIC_NUMBER


@pypy_only
def test_pypy_also_compiles_hot_code_to_machine_code_with_a_jit():
    """PyPy is built with a JIT, which it exposes as the `pypyjit` module"""
    # Red on a PyPy built without its JIT (translation.jit false, no pypyjit module).
    assert sys.pypy_translation_info["translation.jit"]
    assert importlib.util.find_spec("pypyjit") is not None
