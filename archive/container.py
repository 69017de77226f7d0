"""A Docker build folder for the archive that builds without network access.

It is the folder `datasette package` builds from (the same Dockerfile,
made by Datasette's own `temporary_docker_directory`), with one change:
every Python package the image needs is downloaded now as a wheel into
`wheels/`, and the Dockerfile installs from there with `--no-index`. Only
the base image (`python:3.11…-slim`) has to be present where it is built.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from datasette.utils import temporary_docker_directory

from .publish import PLUGIN_PACKAGES, PLUGINS_DIR, TEMPLATES_DIR, Publication, settings_options

WHEELS = "wheels"


def pinned(package: str) -> str:
    """`package==version` as installed here, so the image runs what was tested."""
    try:
        return f"{package}=={version(package)}"
    except PackageNotFoundError:
        return package


def image_packages() -> list[str]:
    return [pinned(package) for package in ("datasette", *PLUGIN_PACKAGES)]


def download_wheels(folder: Path, packages: list[str]) -> None:
    """Wheels of `packages` and all their dependencies into `folder` (pip's cache is used)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                    "--wheel-dir", str(folder), *packages], check=True)


def write_build_context(pub: Publication, output: str | Path, *, with_wheels: bool = True) -> Path:
    """Write the build folder for `pub` to `output` (replaced); returns `output`."""
    output = Path(output).resolve()  # Datasette changes the working directory meanwhile
    packages = image_packages()
    install = ["--no-index", "--find-links", f"/app/{WHEELS}", *packages[1:]]
    with open(pub.metadata, encoding="utf-8") as metadata:
        context = temporary_docker_directory(
            files=[str(pub.database.resolve())], name="seminar-archive", metadata=metadata,
            extra_options=" ".join(settings_options()), branch=None,
            template_dir=str(TEMPLATES_DIR), plugins_dir=str(PLUGINS_DIR),
            static=[], install=install, spatialite=False, version_note=None, secret="")
        with context as folder:
            shutil.rmtree(output, ignore_errors=True)
            shutil.copytree(folder, output)
    dockerfile = output / "Dockerfile"
    text = dockerfile.read_text(encoding="utf-8").replace("pip install -U datasette ", f"pip install {packages[0]} ")
    dockerfile.write_text(text.replace("ENV DATASETTE_SECRET ''\n", "") + "\n", encoding="utf-8")
    if with_wheels:
        download_wheels(output / WHEELS, packages)
    return output
