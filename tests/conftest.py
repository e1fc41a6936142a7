"""Fixtures for every test folder. Keep this file free of Qt: tests/core runs without it."""

import pytest


@pytest.fixture(autouse=True)
def workbench_home(tmp_path_factory, monkeypatch):
    """Point WORKBENCH_HOME at a fresh folder, so settings and logs never reach the user's home."""
    home = tmp_path_factory.mktemp("workbench-home")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home
