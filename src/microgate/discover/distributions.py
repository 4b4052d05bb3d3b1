"""From an import to the package that provides it, and package-name normalisation.

Example:
    >>> distribution_for("yaml"), distribution_for("google.generativeai.types")
    ('pyyaml', 'google-generativeai')
    >>> normalise("Flask_SQLAlchemy>=3.0 ; python_version>'3.8'")
    'flask-sqlalchemy'
    >>> is_stdlib("json"), is_stdlib("requests")
    (True, False)
"""

from __future__ import annotations

import re
import sys

_IMPORT_TO_DIST: dict[str, str] = {
    "yaml": "pyyaml",
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "PIL": "pillow",
    "dotenv": "python-dotenv",
    "bs4": "beautifulsoup4",
    "cv2": "opencv-python",
    "jwt": "pyjwt",
    "dateutil": "python-dateutil",
    "attr": "attrs",
    "Crypto": "pycryptodome",
    "OpenSSL": "pyopenssl",
    "magic": "python-magic",
    "docx": "python-docx",
    "pptx": "python-pptx",
    "serial": "pyserial",
    "usb": "pyusb",
    "git": "gitpython",
    "jose": "python-jose",
    "multipart": "python-multipart",
    "zmq": "pyzmq",
    "fitz": "pymupdf",
    "telegram": "python-telegram-bot",
    "Levenshtein": "python-levenshtein",
    "mpl_toolkits": "matplotlib",
    "pkg_resources": "setuptools",
    "_pytest": "pytest",
    "braket": "amazon-braket-sdk",
    "googleapiclient": "google-api-python-client",
    "google.protobuf": "protobuf",
    "google.auth": "google-auth",
    "google.oauth2": "google-auth",
    "google.api_core": "google-api-core",
    "grpc": "grpcio",
    "psycopg2": "psycopg2-binary",
    "MySQLdb": "mysqlclient",
    "slugify": "python-slugify",
    "markdown": "markdown",
    "win32api": "pywin32",
    "win32com": "pywin32",
    "ldap": "python-ldap",
    "vertexai": "google-cloud-aiplatform",
    "faiss": "faiss-cpu",
    "sentence_transformers": "sentence-transformers",
}

_NAMESPACES = {
    "google": 2,
    "google.cloud": 3,
    "azure": 2,
    "azure.keyvault": 3,
    "azure.ai": 3,
    "azure.storage": 3,
    "azure.mgmt": 3,
}

_NAME = re.compile(r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


def normalise(requirement: str) -> str:
    """The PEP 503 normalised name of a requirement line or package name ('' if none)."""
    text = requirement.strip()
    if text.startswith("@"):  # an npm scoped package: keep as written, lower-case
        return text.split()[0].lower()
    match = _NAME.match(text)
    if not match:
        return ""
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def is_stdlib(module: str) -> bool:
    return module.split(".")[0] in sys.stdlib_module_names


def distribution_for(module: str) -> str:
    """The distribution (PyPI name, normalised) that most likely provides ``module``."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        mapped = _IMPORT_TO_DIST.get(".".join(parts[:end]))
        if mapped:
            return mapped
    for prefix, depth in sorted(_NAMESPACES.items(), key=lambda kv: -kv[1]):
        if module == prefix or module.startswith(prefix + "."):
            if len(parts) >= depth:
                return normalise("-".join(parts[:depth]))
            return normalise(module)
    return normalise(parts[0])
