"""The README's Python example runs as written, and its first two commands are the install ones."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example_runs(capsys):
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "the README has a Python example"
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # noqa: S102 - our own README
    out = capsys.readouterr().out
    assert "fund_defence" in out or "bad_amount" in out
    assert namespace["game"].is_over


def test_readme_starts_with_install_commands():
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)```", text, re.S)[:2]
    assert "pip install . " in commands[0] and "sumiwake play" in commands[0]  # what a user installs
    assert "pip install -e '.[test]'" in commands[1] and "pytest" in commands[1]
