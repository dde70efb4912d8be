"""deploy/kubernetes/: valid against a pinned Kubernetes version's schemas, offline, and locked down as its README says.

`kubernetes-validate` carries the schemas in its wheel, so nothing here reaches the network.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).parent.parent
FOLDER = ROOT / "deploy" / "kubernetes"
KUBERNETES = "1.33.0"  # the oldest minor version still maintained upstream when this was written
MANIFESTS = sorted(path for path in FOLDER.glob("*.yaml") if path.name != "kustomization.yaml")


def documents() -> list[dict]:
    return [document for path in MANIFESTS for document in yaml.safe_load_all(path.read_text()) if document]


def of_kind(kind: str) -> dict:
    (found,) = [document for document in documents() if document["kind"] == kind]
    return found


def pod() -> dict:
    return of_kind("Deployment")["spec"]["template"]["spec"]


def container() -> dict:
    (only,) = pod()["containers"]
    return only


@pytest.mark.parametrize("document", documents(), ids=lambda document: document["kind"])
def test_every_manifest_is_valid_for_the_pinned_kubernetes(document):
    # strict: a field the schema does not know (a misspelt setting, silently ignored by a cluster) fails too
    kubernetes_validate.validate(document, KUBERNETES, strict=True)


def test_the_validation_catches_a_misspelt_security_setting():
    deployment = copy.deepcopy(of_kind("Deployment"))
    settings = deployment["spec"]["template"]["spec"]["containers"][0]["securityContext"]
    settings["readOnlyRootFileSystem"] = settings.pop("readOnlyRootFilesystem")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)


def test_the_kinds_the_service_needs_are_all_there_and_applied_together():
    kinds = {(document["apiVersion"], document["kind"]) for document in documents()}
    assert kinds == {
        ("apps/v1", "Deployment"),
        ("v1", "Service"),
        ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ("policy/v1", "PodDisruptionBudget"),
    }
    kustomization = yaml.safe_load((FOLDER / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == [path.name for path in MANIFESTS]
    (image,) = kustomization["images"]
    assert image["name"] == container()["image"].split()[0] and image["newTag"] not in ("", "latest")


def test_the_pod_runs_as_the_images_user_with_nothing_it_does_not_need():
    uid = int(re.search(r"useradd .*--uid (\d+)", (ROOT / "Dockerfile").read_text()).group(1))
    spec, settings = pod(), container()["securityContext"]
    assert spec["automountServiceAccountToken"] is False
    assert spec["enableServiceLinks"] is False  # no VAGVISAREN_SERVICE_* variables beside the settings
    assert settings["runAsNonRoot"] is True and settings["runAsUser"] == uid == spec["securityContext"]["runAsUser"]
    assert settings["readOnlyRootFilesystem"] is True
    assert settings["allowPrivilegeEscalation"] is False
    assert settings["privileged"] is False
    assert settings["capabilities"] == {"drop": ["ALL"]}
    for where in (settings, spec["securityContext"]):
        assert where["seccompProfile"] == {"type": "RuntimeDefault"}


def test_the_only_writable_place_is_an_empty_dir_that_holds_every_path_nginx_and_start_write():
    volumes = {volume["name"]: volume for volume in pod()["volumes"]}
    mounts = {mount["mountPath"]: volumes[mount["name"]] for mount in container()["volumeMounts"]}
    assert all(set(volume) == {"name", "emptyDir"} for volume in mounts.values())
    assert all(volume["emptyDir"].get("sizeLimit") for volume in mounts.values())
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    written = re.findall(r"^\s*(?:pid|\w+_temp_path)\s+(\S+?);", conf, re.MULTILINE)
    written += re.findall(r"(?:mkdir -p|front-pages)\s+(\S+)", (ROOT / "deploy" / "start").read_text())
    assert len(written) >= 7
    assert all(any(path.startswith(mount + "/") for mount in mounts) for path in written), written


def test_requests_limits_and_probes():
    resources = container()["resources"]
    for kind in ("cpu", "memory"):
        assert kind in resources["requests"] and kind in resources["limits"]
    assert mebibytes(resources["requests"]["memory"]) <= mebibytes(resources["limits"]["memory"])
    ports = {port["name"]: port["containerPort"] for port in container()["ports"]}
    assert ports == {"http": int(re.search(r"EXPOSE (\d+)", (ROOT / "Dockerfile").read_text()).group(1))}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container()[probe]["httpGet"]
        assert check["path"] == "/healthz" and check["port"] == "http"


def test_the_service_autoscaler_and_budget_point_at_the_deployment():
    deployment = of_kind("Deployment")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert "replicas" not in deployment["spec"]  # the autoscaler's to set
    service = of_kind("Service")["spec"]
    assert service["selector"].items() <= labels.items()
    assert {port["targetPort"] for port in service["ports"]} == {"http"}
    target = of_kind("HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert of_kind("HorizontalPodAutoscaler")["spec"]["minReplicas"] >= 2
    budget = of_kind("PodDisruptionBudget")["spec"]
    assert budget["selector"]["matchLabels"].items() <= labels.items()
    assert budget["minAvailable"] < of_kind("HorizontalPodAutoscaler")["spec"]["minReplicas"]


def mebibytes(quantity: str) -> int:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * (1024 if unit == "Gi" else 1)
