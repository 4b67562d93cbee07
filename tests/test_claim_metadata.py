"""The plugin refuses spec modules whose claim metadata is missing or invalid."""
import pytest

A_TEST = "\ndef test_it_holds():\n    assert True\n"

# how to spoil the valid module source, and the line its one collection error must show
INVALID_MODULES = {
    "no-claim": (
        lambda valid: A_TEST,
        "*test_some_claim.py states no claim: define CLAIM = claimspec.Claim(*",
    ),
    "unknown-verdict": (
        lambda valid: valid.replace('verdict="holds"', 'verdict="mostly"') + A_TEST,
        "*unknown verdict 'mostly': use one of holds, partly, notes-wrong, runtime-dependent, opinion*",
    ),
    "unknown-section": (
        lambda valid: valid.replace("ThreadSync: Mutex", "Mutexes") + A_TEST,
        "*unknown section 'Mutexes'*",
    ),
    "notes-wrong-without-truth": (
        lambda valid: valid.replace('verdict="holds"', 'verdict="notes-wrong"') + A_TEST,
        "*verdict 'notes-wrong' needs `truth`*",
    ),
    "runtime-dependent-without-depends-on": (
        lambda valid: valid.replace('verdict="holds"', 'verdict="runtime-dependent"') + A_TEST,
        "*verdict 'runtime-dependent' needs `depends_on`*",
    ),
    "claim-not-a-claim-object": (
        lambda valid: "CLAIM = {'verdict': 'holds'}" + A_TEST,
        "*CLAIM must be a claimspec.Claim, not dict*",
    ),
    "claim-without-tests": (
        lambda valid: valid,
        "*states a claim but holds no test of it*",
    ),
}


def run(project, body):
    project.spec("test_some_claim", body)
    return project.run("spec")


def test_a_module_with_a_valid_claim_and_a_test_is_collected_and_runs(project):
    result = run(project, project.VALID_CLAIM + A_TEST)
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    "spoil, message", list(INVALID_MODULES.values()), ids=list(INVALID_MODULES)
)
def test_invalid_claim_metadata_is_one_collection_error_that_says_what_is_wrong(
    project, spoil, message
):
    body = spoil(project.VALID_CLAIM)
    assert body != project.VALID_CLAIM + A_TEST, "the spoiling changed nothing"
    result = run(project, body)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([message])


def test_modules_outside_the_claim_folders_need_no_claim(project):
    project.pytester.makepyfile(test_elsewhere="def test_plain():\n    assert True\n")
    result = project.run("test_elsewhere.py")
    result.assert_outcomes(passed=1)
