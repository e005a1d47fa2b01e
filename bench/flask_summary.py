"""The seeds' Flask dashboard endpoint (seed note "Prometheus Research", section 10), as written
there: for every request, the four summary queries one after another with `requests`, the first
result of each, 0.0 when there is none, no cache. It is the baseline Promwall's summary is
measured against. Only the Prometheus URL and the listen address come from the environment, and
the dashboard page (a template the note does not include) is left out.

Run with Debian's python3-flask and python3-requests:
    PROMETHEUS_URL=http://127.0.0.1:9090 PORT=5000 /usr/bin/python3 bench/flask_summary.py
"""
import os

import requests
from flask import Flask, jsonify

app = Flask(__name__)
PROMETHEUS_URL = os.environ["PROMETHEUS_URL"]


@app.route('/api/metrics/summary')
def get_metrics_summary():
    """주요 메트릭 요약 정보 제공"""
    metrics = {
        'cpu_usage': get_metric('100 - (avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100)'),
        'memory_usage': get_metric('(1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100'),
        'active_connections': get_metric('pg_stat_database_numbackends'),
        'request_rate': get_metric('rate(app_request_total[1m])'),
    }
    return jsonify(metrics)


def get_metric(query):
    """Prometheus 쿼리 실행"""
    response = requests.get(
        f"{PROMETHEUS_URL}/api/v1/query",
        params={'query': query}
    )
    data = response.json()
    if data['data']['result']:
        return float(data['data']['result'][0]['value'][1])
    return 0.0


if __name__ == '__main__':
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ["PORT"]))
