"""A local S3-compatible server (moto's server mode, a development dependency) for the
tests and benchmarks of media on object storage."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# moto accepts any keys; boto3 wants some.
KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def moto_server_path() -> str | None:
    beside = Path(sys.executable).with_name("moto_server")
    return str(beside) if beside.exists() else shutil.which("moto_server")


@contextmanager
def local_s3(port: int, bucket: str, log: Path) -> Iterator[str]:
    """moto's S3 on 127.0.0.1:``port`` with ``bucket`` made; yields the endpoint URL."""
    import boto3

    binary = moto_server_path()
    if binary is None:
        raise RuntimeError("moto_server is not installed (pip install 'moto[server]')")
    endpoint = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        server = subprocess.Popen(
            [binary, "-H", "127.0.0.1", "-p", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        _wait_for(endpoint, server, log)
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_boto_keys())
        client.create_bucket(Bucket=bucket)
        # Readers fetch media straight from the bucket: anyone may read (docs/deploy.md).
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read(bucket)))
        yield endpoint
    finally:
        server.terminate()
        server.wait(10)


def public_read(bucket: str) -> dict:
    """The bucket policy that lets anyone read its objects (and nothing else)."""
    statement = {
        "Sid": "PublicRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": ["s3:GetObject"],
        "Resource": [f"arn:aws:s3:::{bucket}/*"],
    }
    return {"Version": "2012-10-17", "Statement": [statement]}


def _boto_keys() -> dict[str, str]:
    return {
        "aws_access_key_id": KEYS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": KEYS["AWS_SECRET_ACCESS_KEY"],
    }


def _wait_for(endpoint: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"moto_server exited:\n{log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(endpoint, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"moto_server did not answer at {endpoint}")
