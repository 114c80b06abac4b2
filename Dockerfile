# Selaras command-line tool in a container (used by docker-compose.yml).
# Build:  docker build -t selaras .
# Run:    docker run --rm selaras --help
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Graphviz's dot lays out `selaras draw` pictures (and brings Cairo, which PNG output uses).
RUN apt-get update && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# Only what the wheel is built from (see pyproject.toml and .dockerignore).
COPY pyproject.toml README.md ./
COPY loader ./loader
COPY ontology ./ontology
COPY shapes ./shapes
COPY queries ./queries
COPY examples ./examples
RUN pip install . && rm -rf /src

# docker-compose.yml mounts the repository at /work, where commands read
# inputs and write outputs.
WORKDIR /work

ENTRYPOINT ["selaras"]
CMD ["--help"]
