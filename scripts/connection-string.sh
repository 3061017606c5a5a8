#!/usr/bin/env bash
# Prints the connection string of a local Azurite whose blob service listens on the given port.
# The key is Azurite's well-known development key, not a secret.
blob_port=${1:-10000}
echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${blob_port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((blob_port + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((blob_port + 2))/devstoreaccount1;"
