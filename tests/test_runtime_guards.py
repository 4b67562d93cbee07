"""Runtime guards skip a claim with a reason a reader understands, and let it run where it applies."""
from claimspec import runtime

BODY = '''
from claimspec import Claim, requires_cores, requires_module, pypy_only, cpython_only, requires_start_method
CLAIM = Claim(section="GIL", notes="n", verdict="runtime-dependent", depends_on="the runtime")

@requires_cores(4096)
def test_needs_many_cores():
    pass

@requires_cores(1)
def test_needs_one_core():
    pass

@requires_module("no_such_module_anywhere", why="it does not exist")
def test_needs_a_missing_module():
    pass

@requires_module("json")
def test_needs_a_present_module():
    pass

@pypy_only
def test_only_on_pypy():
    pass

@cpython_only
def test_only_on_cpython():
    pass

@requires_start_method("no-such-method")
def test_needs_an_unknown_start_method():
    pass
'''


def test_guards_skip_with_readable_reasons_and_let_the_rest_run(project):
    project.spec("test_guarded", BODY)
    result = project.run("spec", "-rs")
    ran_on_pypy = runtime.IS_PYPY
    result.assert_outcomes(passed=3, skipped=4)
    result.stdout.fnmatch_lines_random(
        [
            "*needs 4096 usable cores, this process may use*",
            "*no_such_module_anywhere is not installed for this runtime (it does not exist)*",
            "*the 'no-such-method' start method is not available on this platform*",
            ("*a CPython detail; this runtime is PyPy*" if ran_on_pypy else "*a PyPy detail; this runtime is CPython*"),
        ]
    )


def test_the_mp_context_fixture_runs_once_per_start_method_with_word_ids(project):
    project.spec(
        "test_contexts",
        "from claimspec import Claim\n"
        'CLAIM = Claim(section="Process vs Thread", notes="n", verdict="holds")\n'
        "def test_context(mp_context):\n"
        "    assert mp_context.get_start_method() in ('fork', 'spawn', 'forkserver')\n",
    )
    result = project.run("spec", "-v")
    available = runtime.available_start_methods()
    result.assert_outcomes(passed=len(available), skipped=3 - len(available))
    result.stdout.fnmatch_lines_random([f"*test_context?{m}? PASSED*" for m in available])
