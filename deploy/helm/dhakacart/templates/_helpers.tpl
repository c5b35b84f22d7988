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

{{/* repository:tag, or repository:tag@digest when a digest pins the exact build. */}}
{{- define "dhakacart.image" -}}
{{- $image := printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- with .Values.image.digest }}
{{- $image = printf "%s@%s" $image . }}
{{- end }}
{{- $image }}
{{- end }}

{{/*
The shop's public names, from one place: ingress.hosts, unless config.allowedHosts,
config.csrfTrustedOrigins or config.siteUrl override them.
*/}}
{{- define "dhakacart.allowedHosts" -}}
{{- join "," (default .Values.ingress.hosts .Values.config.allowedHosts) }}
{{- end }}

{{- define "dhakacart.csrfTrustedOrigins" -}}
{{- $origins := list }}
{{- range .Values.ingress.hosts }}
{{- $origins = append $origins (printf "https://%s" .) }}
{{- end }}
{{- join "," (default $origins .Values.config.csrfTrustedOrigins) }}
{{- end }}

{{- define "dhakacart.siteUrl" -}}
{{- default (printf "https://%s" (first .Values.ingress.hosts)) .Values.config.siteUrl | trimSuffix "/" }}
{{- end }}

{{/*
A value for an environment variable, quoted. Helm reads numbers in values as floats, and
printing 31536000 as a float gives "3.1536e+07", which no setting accepts: whole numbers are
printed as integers.
*/}}
{{- define "dhakacart.envValue" -}}
{{- if and (kindIs "float64" .) (eq (float64 (int64 .)) .) }}
{{- int64 . | toString | quote }}
{{- else }}
{{- toString . | quote }}
{{- end }}
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
  value: {{ printf "$(POD_IP),%s" (include "dhakacart.allowedHosts" .) | quote }}
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

{{/*
Deployment annotations. A Secret written by the External Secrets Operator changes outside Helm
(a rotated database password): Stakater Reloader restarts the pods when it does.
*/}}
{{- define "dhakacart.deploymentAnnotations" -}}
{{- if .Values.externalSecret.enabled }}
annotations:
  secret.reloader.stakater.com/reload: {{ .Values.existingSecret | quote }}
{{- end }}
{{- end }}

{{/*
First container of every app pod: waits until the database has every migration of this image
(the migration Job applies them), so new code never runs against the old schema. While it
waits, the old pods keep serving (maxUnavailable: 0).
*/}}
{{- define "dhakacart.waitForMigrations" -}}
- name: wait-for-migrations
  image: {{ include "dhakacart.image" . }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  command: ["python", "deploy/docker/migrate.py", "--wait"]
  envFrom:
    {{- include "dhakacart.envFrom" . | nindent 4 }}
  env:
    {{- include "dhakacart.env" . | nindent 4 }}
  resources:
    {{- toYaml .Values.migrations.resources | nindent 4 }}
  securityContext:
    {{- toYaml .Values.securityContext | nindent 4 }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
{{- end }}
