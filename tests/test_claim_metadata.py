"""The plugin refuses spec modules whose claim metadata is missing or invalid."""


def run(project, body):
    project.spec("test_some_claim", body)
    return project.run("spec")


def test_a_module_with_a_valid_claim_and_a_test_is_collected_and_runs(project):
    result = run(project, project.VALID_CLAIM + "\ndef test_it_holds():\n    assert True\n")
    result.assert_outcomes(passed=1)


def test_a_spec_module_without_claim_is_a_collection_error_that_says_what_to_add(project):
    result = run(project, "def test_it_holds():\n    assert True\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*test_some_claim.py states no claim: define CLAIM = claimspec.Claim(*"])


def test_an_unknown_verdict_is_a_collection_error_naming_the_valid_ones(project):
    body = project.VALID_CLAIM.replace('verdict="holds"', 'verdict="mostly"')
    result = run(project, body + "\ndef test_it_holds():\n    assert True\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*unknown verdict 'mostly': use one of holds, notes-wrong, runtime-dependent, opinion*"])


def test_a_section_that_is_not_a_heading_of_the_notes_is_a_collection_error(project):
    body = project.VALID_CLAIM.replace("ThreadSync: Mutex", "Mutexes")
    result = run(project, body + "\ndef test_it_holds():\n    assert True\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*unknown section 'Mutexes'*"])


def test_notes_wrong_without_saying_what_is_true_is_a_collection_error(project):
    body = project.VALID_CLAIM.replace('verdict="holds"', 'verdict="notes-wrong"')
    result = run(project, body + "\ndef test_it_holds():\n    assert True\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*verdict 'notes-wrong' needs `truth`*"])


def test_runtime_dependent_without_saying_on_what_is_a_collection_error(project):
    body = project.VALID_CLAIM.replace('verdict="holds"', 'verdict="runtime-dependent"')
    result = run(project, body + "\ndef test_it_holds():\n    assert True\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*verdict 'runtime-dependent' needs `depends_on`*"])


def test_a_claim_that_is_not_a_claim_object_is_a_collection_error(project):
    result = run(project, "CLAIM = {'verdict': 'holds'}\ndef test_it_holds():\n    assert True\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*CLAIM must be a claimspec.Claim, not dict*"])


def test_a_claim_with_no_test_of_it_is_a_collection_error(project):
    result = run(project, project.VALID_CLAIM)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*states a claim but holds no test of it*"])


def test_modules_outside_the_claim_folders_need_no_claim(project):
    project.pytester.makepyfile(test_elsewhere="def test_plain():\n    assert True\n")
    result = project.run("test_elsewhere.py")
    result.assert_outcomes(passed=1)
