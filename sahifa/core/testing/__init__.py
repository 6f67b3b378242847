"""Real servers the tests and benchmarks start on loopback (S3, Varnish)."""
