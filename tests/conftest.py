import pytest

pytest_plugins = ["pytester"]

INI = """
[pytest]
claim_paths = spec
addopts = -p claimspec.plugin -p no:randomly -p no:cacheprovider
"""


class Project:
    """A throwaway project that uses the spec's plugin and has a spec/ folder."""

    VALID_CLAIM = (
        "from claimspec import Claim\n"
        'CLAIM = Claim(section="ThreadSync: Mutex", notes="something the notes say", verdict="holds")\n'
    )

    def __init__(self, pytester):
        self.pytester = pytester
        pytester.makeini(INI)
        pytester.mkdir("spec")

    def spec(self, name, body):
        path = self.pytester.path / "spec" / f"{name}.py"
        path.write_text(body, encoding="utf-8")
        return path

    def run(self, *args):
        return self.pytester.runpytest(*args)

    def run_subprocess(self, *args, timeout=120):
        return self.pytester.runpytest_subprocess(*args, timeout=timeout)


@pytest.fixture
def project(pytester, monkeypatch):
    # the child runs need to import claimspec from this checkout
    root = str(pytester._request.config.rootpath)
    monkeypatch.setenv("PYTHONPATH", root)
    return Project(pytester)
