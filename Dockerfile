FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /srv/vagvisaren

COPY requirements.lock pyproject.toml README.md ./
COPY app ./app
RUN pip install -r requirements.lock && pip install --no-deps .

COPY content ./content
COPY static ./static

RUN useradd --system --uid 10001 --no-create-home vagvisaren
USER vagvisaren

ENV VAGVISAREN_CONTENT_DIR=/srv/vagvisaren/content VAGVISAREN_STATIC_DIR=/srv/vagvisaren/static
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["python", "-m", "app", "serve", "--host", "0.0.0.0", "--port", "8000"]
