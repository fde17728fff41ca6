{{/* The release's name, prefixed with the chart's unless it already contains it; at most 63 characters. */}}
{{- define "pixelpolish.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "pixelpolish.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: pixelpolish
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component (operator, mlflow). */}}
{{- define "pixelpolish.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "pixelpolish.serviceAccountName" -}}
{{- default (include "pixelpolish.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "pixelpolish.trainerImage" -}}
{{- printf "%s:%s" .Values.trainer.image.repository (default .Chart.AppVersion .Values.trainer.image.tag) -}}
{{- end -}}

{{- define "pixelpolish.trainerCudaImage" -}}
{{- $tag := default (printf "%s-cuda" (default .Chart.AppVersion .Values.trainer.image.tag)) .Values.trainer.image.cudaTag -}}
{{- printf "%s:%s" .Values.trainer.image.repository $tag -}}
{{- end -}}

{{/* The MLflow URI trainers get by default: the configured one, else the bundled server's Service. */}}
{{- define "pixelpolish.mlflowTrackingUri" -}}
{{- if .Values.mlflow.trackingUri -}}
{{- .Values.mlflow.trackingUri -}}
{{- else if .Values.mlflow.server.enabled -}}
{{- printf "http://%s-mlflow.%s.svc:%d" (include "pixelpolish.fullname" .) .Release.Namespace (int .Values.mlflow.server.port) -}}
{{- end -}}
{{- end -}}
