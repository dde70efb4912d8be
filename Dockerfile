FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/vagvisaren

# nginx stands in front of uvicorn (deploy/nginx.conf): time limits, per-client limits, HSTS.
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*

COPY requirements.lock pyproject.toml README.md ./
COPY app ./app
RUN pip install -r requirements.lock && pip install --no-deps .

COPY content ./content
COPY static ./static
COPY deploy ./deploy

# The checked content, kept so that the service starts without reading every file (app/content/snapshot.py).
ENV VAGVISAREN_SNAPSHOT_DIR=/srv/vagvisaren/snapshot
RUN mkdir snapshot && python -m app check

RUN useradd --system --uid 10001 --no-create-home vagvisaren
USER vagvisaren

ENV VAGVISAREN_CONTENT_DIR=/srv/vagvisaren/content VAGVISAREN_STATIC_DIR=/srv/vagvisaren/static
# Only nginx listens outside the container; uvicorn is on the loopback (deploy/start).
EXPOSE 8080
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz')"
CMD ["/srv/vagvisaren/deploy/start"]
