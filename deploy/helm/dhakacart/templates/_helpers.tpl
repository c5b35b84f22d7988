{{/* Names and labels shared by every template. */}}

{{- define "dhakacart.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dhakacart.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dhakacart.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dhakacart.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "dhakacart.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "dhakacart.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dhakacart
{{- end }}

{{/* Labels of one process: call with (dict "root" $ "component" "web"). */}}
{{- define "dhakacart.componentSelectorLabels" -}}
{{ include "dhakacart.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "dhakacart.componentLabels" -}}
{{ include "dhakacart.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "dhakacart.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "dhakacart.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dhakacart.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "dhakacart.secretName" -}}
{{- default (include "dhakacart.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
Rolls the pods when the chart's configuration changes: a changed ConfigMap or chart-made
Secret changes these annotations, hence the pod template. An existing Secret is outside the
chart; roll the pods yourself after changing it (deploy/README.md, "Rotate secrets").
*/}}
{{- define "dhakacart.checksums" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.existingSecret }}
checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/* Environment of every app container: the ConfigMap and the Secret. */}}
{{- define "dhakacart.envFrom" -}}
- configMapRef:
    name: {{ include "dhakacart.fullname" . }}
- secretRef:
    name: {{ include "dhakacart.secretName" . }}
{{- end }}

{{/*
ALLOWED_HOSTS adds the pod's own IP, so the kubelet's probes and Prometheus, which address the
pod by IP, are not refused as unknown hosts. Kubernetes expands $(POD_IP) from the variable above.
*/}}
{{- define "dhakacart.env" -}}
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: ALLOWED_HOSTS
  value: {{ printf "$(POD_IP),%s" (join "," .Values.config.allowedHosts) | quote }}
{{- end }}

{{/* Pod-level settings shared by every process; call with (dict "root" $ "process" .Values.web). */}}
{{- define "dhakacart.podSpecCommon" -}}
serviceAccountName: {{ include "dhakacart.serviceAccountName" .root }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .process.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .process.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .process.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
