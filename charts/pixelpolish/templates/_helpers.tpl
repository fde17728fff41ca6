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

{{- /*
  The admission limits as CEL rules per field of a run's spec (a YAML map: field -> rules). Each
  sits on its field, which cannot change after creation, so CRD validation ratcheting leaves runs
  that were created before the limits alone. The operator checks the same limits (AdmissionPolicy).
*/ -}}
{{- define "pixelpolish.admissionRules" -}}
{{- with .Values.admission.allowedImagePrefixes }}
image:
  - rule: {{ printf "%s.exists(p, self.startsWith(p))" (toJson .) | quote }}
    message: {{ printf "NotAllowed: expected an image starting with one of %s" (join ", " .) | quote }}
{{- end }}
{{- with .Values.admission.allowedServiceAccounts }}
serviceAccountName:
  - rule: {{ printf "self in %s" (toJson .) | quote }}
    message: {{ printf "NotAllowed: expected one of the ServiceAccounts %s, or none" (join ", " .) | quote }}
{{- end }}
{{- if not .Values.admission.allowRunSecrets }}
tracking:
  - rule: "!has(self.credentialsSecretRef)"
    message: "NotAllowed: runs may not name a credentials Secret; the operator's default credentials go to its default MLflow server"
{{- end }}
{{- end -}}
