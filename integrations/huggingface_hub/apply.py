"""Adds the Gatewayz provider to huggingface_hub.

`python apply.py repo <huggingface_hub checkout>` makes the PR's edits (`git diff` there is gatewayz.patch);
`python apply.py package <site-packages/huggingface_hub>` makes the same code edits to an installed
release, so tests run the real published client with the helper added.
"""

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).parent
HELPERS = {
    "conversational": "GatewayzConversationalTask",
    "text-generation": "GatewayzTextGenerationTask",
    "text-to-image": "GatewayzTextToImageTask",
    "feature-extraction": "GatewayzFeatureExtractionTask",
}
SERVED_METHODS = {"chat_completion", "text_generation", "text_to_image", "feature_extraction"}


def insert_before(path: Path, anchor: str, lines: list[str]) -> None:
    text = path.read_text()
    if lines[0].strip() in text:
        return  # already applied
    rows = text.split("\n")
    at = next(i for i, row in enumerate(rows) if re.match(anchor, row))
    indent = re.match(r"\s*", rows[at]).group(0)
    rows[at:at] = [indent + line if line else line for line in lines]
    path.write_text("\n".join(rows))


def patch_package(package: Path) -> None:
    providers = package / "inference" / "_providers"
    shutil.copy(HERE / "src/huggingface_hub/inference/_providers/gatewayz.py", providers / "gatewayz.py")
    init = providers / "__init__.py"
    insert_before(init, r"from \.groq import", ["from .gatewayz import (", *[f"    {cls}," for cls in sorted(HELPERS.values())], ")"])
    insert_before(init, r'\s+"groq",$', ['"gatewayz",'])
    insert_before(init, r'\s+"groq": \{', ['"gatewayz": {', *[f'    "{task}": {cls}(),' for task, cls in HELPERS.items()], "},"])


def add_guide_column(guide: Path) -> None:
    rows = guide.read_text().split("\n")
    for i, row in enumerate(rows):
        if not row.startswith("|") or "Fireworks AI" not in rows[i] and not re.match(r"\| (\[`~InferenceClient|-{5})", row):
            continue
        cells = row.split("|")
        column = 8  # after "Fireworks AI" (cells[0] is empty)
        if "Fireworks AI" in row:
            if "Gatewayz" in row:
                return
            cells.insert(column, " Gatewayz ")
        elif row.startswith("| ---"):
            cells.insert(column, " -------- ")
        else:
            method = re.search(r"InferenceClient\.(\w+)", row).group(1)
            cells.insert(column, " ✅        " if method in SERVED_METHODS else " ❌        ")
        rows[i] = "|".join(cells)
    guide.write_text("\n".join(rows))


def patch_repo(root: Path) -> None:
    patch_package(root / "src" / "huggingface_hub")
    for client in ("_client.py", "_generated/_async_client.py"):
        path = root / "src/huggingface_hub/inference" / client
        path.write_text(path.read_text().replace('`"fireworks-ai"`, `"groq"`', '`"fireworks-ai"`, `"gatewayz"`, `"groq"`'))
    add_guide_column(root / "docs/source/en/guides/inference.md")
    tests = root / "tests/test_inference_providers.py"
    block = (HERE / "test_inference_providers.gatewayz.py").read_text()
    text = tests.read_text()
    if "class TestGatewayzProvider" not in text:
        text = text.replace("\nclass TestZaiProvider:", f"\n{block}\n\nclass TestZaiProvider:", 1)
        imports = "".join(f"    {cls},\n" for cls in sorted(HELPERS.values()))
        text = text.replace(
            "from huggingface_hub.inference._providers.groq import",
            f"from huggingface_hub.inference._providers.gatewayz import (\n{imports})\nfrom huggingface_hub.inference._providers.groq import",
            1,
        )
        tests.write_text(text)


if __name__ == "__main__":
    mode, target = sys.argv[1], Path(sys.argv[2])
    {"repo": patch_repo, "package": patch_package}[mode](target)
