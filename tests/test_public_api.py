import types

import tidings


def test_public_api_all_matches_exports() -> None:
    # submodules appear as attributes once imported; what the package exports is everything else
    exported = {
        name for name in dir(tidings)
        if not name.startswith("_") and not isinstance(getattr(tidings, name), types.ModuleType)
    }
    assert set(tidings.__all__) - {"__version__"} == exported


def test_public_api_extract_docstring_example_holds() -> None:
    report = tidings.extract("Hamas fired rockets at Israel on Sunday.", published="2016-12-19")
    assert [e.type for e in report.events] == ["ASSAULT"]
    assert report.events[0].date.start.isoformat() == "2016-12-18"
