# The spec's plugin (claim metadata, runtime guards, leak checks, claims report)
# lives in claimspec/plugin.py; loading it here makes it active for every run
# from the project root.
pytest_plugins = ["claimspec.plugin"]
