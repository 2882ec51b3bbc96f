{{/*
What the chart writes into each service's configuration file before the user's `config` is merged over it: the port
every container listens on, the other services' URLs, discovery and databases. Secrets never go here: they reach the
services as environment variables from Secrets (see "aibrix.env.*").
*/}}

{{- define "aibrix.wiring.gateway" -}}
server:
  port: 8080
gateway:
  discovery:
    source: {{ .Values.gateway.discovery }}
    {{- if eq .Values.gateway.discovery "kubernetes" }}
    kubernetes:
      namespace: {{ include "aibrix.engineNamespace" . | quote }}
    {{- else if eq .Values.gateway.discovery "metadata" }}
    metadata:
      base-url: {{ include "aibrix.serviceUrl" (dict "root" . "key" "metadata") }}
    {{- end }}
  {{- if .Values.batch.enabled }}
  batch:
    url: {{ include "aibrix.serviceUrl" (dict "root" . "key" "batch") }}
  {{- end }}
  auth:
    enabled: {{ .Values.gateway.auth.enabled }}
    {{- if .Values.gateway.auth.enabled }}
    metadata-url: {{ include "aibrix.serviceUrl" (dict "root" . "key" "metadata") }}
    {{- end }}
{{- end -}}

{{- define "aibrix.wiring.metadata" -}}
server:
  port: 8080
spring:
  datasource:
    url: {{ include "aibrix.jdbcUrl" (dict "root" . "database" .Values.postgresql.metadataDatabase) }}
    username: {{ .Values.postgresql.username }}
{{- end -}}

{{- define "aibrix.wiring.batch" -}}
server:
  port: 8080
spring:
  datasource:
    url: {{ include "aibrix.jdbcUrl" (dict "root" . "database" .Values.postgresql.batchDatabase) }}
    username: {{ .Values.postgresql.username }}
batch:
  storage:
    {{- if .Values.s3.bucket }}
    s3:
      bucket: {{ .Values.s3.bucket }}
      {{- with .Values.s3.endpoint }}
      endpoint: {{ . }}
      {{- end }}
      region: {{ .Values.s3.region }}
      path-style: {{ .Values.s3.pathStyle }}
      prefix: {{ .Values.s3.prefix | quote }}
    {{- else }}
    local:
      directory: /app/data/files
    {{- end }}
  execution:
    targets: {{ .Values.batch.executionTargets | default (include "aibrix.serviceUrl" (dict "root" . "key" "gateway")) }}
{{- end -}}

{{- define "aibrix.wiring.loraManager" -}}
server:
  port: 8080
lora:
  metadata:
    base-url: {{ include "aibrix.serviceUrl" (dict "root" . "key" "metadata") }}
  discovery:
    source: {{ .Values.loraManager.discovery }}
    {{- if eq .Values.loraManager.discovery "kubernetes" }}
    kubernetes:
      namespace: {{ include "aibrix.engineNamespace" . | quote }}
    {{- end }}
{{- end -}}

{{- define "aibrix.wiring.kvcacheCoordinator" -}}
server:
  port: 8080
kvcache:
  clusters:
    default:
      source: {{ .Values.kvcacheCoordinator.discovery }}
      {{- if eq .Values.kvcacheCoordinator.discovery "kubernetes" }}
      namespace: {{ .Release.Namespace }}
      {{- end }}
{{- end -}}

{{- define "aibrix.wiring.autoscaler" -}}
server:
  port: 8080
autoscaler:
  # PodAutoscalers are CRD objects in the API server: no database in this mode.
  mode: kubernetes
  kubernetes:
    namespace: {{ include "aibrix.engineNamespace" . | quote }}
{{- end -}}

{{/* Secret-backed environment of each service. */}}

{{- define "aibrix.env.gateway" -}}
{{- if include "aibrix.redisConfigured" . }}
{{ include "aibrix.redisUrlEnv" (dict "root" . "env" "GATEWAY_REPLICAS_REDISURL") }}
{{- end }}
{{- if .Values.gateway.auth.enabled }}
{{ include "aibrix.metadataTokenEnv" (dict "root" . "env" "GATEWAY_AUTH_METADATATOKEN" "token" "internal") }}
{{- end }}
{{- end -}}

{{- define "aibrix.env.metadata" -}}
{{ include "aibrix.postgresPasswordEnv" . }}
{{ include "aibrix.metadataTokenEnv" (dict "root" . "env" "METADATA_SECURITY_ADMINTOKEN" "token" "admin") }}
{{ include "aibrix.metadataTokenEnv" (dict "root" . "env" "METADATA_SECURITY_INTERNALTOKEN" "token" "internal") }}
{{- end -}}

{{- define "aibrix.env.batch" -}}
{{ include "aibrix.postgresPasswordEnv" . }}
{{- if and .Values.s3.bucket (include "aibrix.s3CredentialsConfigured" .) }}
{{- $secret := .Values.s3.existingSecret | default (include "aibrix.credentialsSecret" .) }}
{{- $existing := ne .Values.s3.existingSecret "" }}
{{ include "aibrix.secretEnv" (dict "env" "BATCH_STORAGE_S3_ACCESSKEYID" "secret" $secret "key" (ternary .Values.s3.existingSecretAccessKeyIdKey "s3-access-key-id" $existing)) }}
{{ include "aibrix.secretEnv" (dict "env" "BATCH_STORAGE_S3_SECRETACCESSKEY" "secret" $secret "key" (ternary .Values.s3.existingSecretSecretAccessKeyKey "s3-secret-access-key" $existing)) }}
{{- end }}
{{- if .Values.batch.gatewayApiKeyExistingSecret }}
{{ include "aibrix.secretEnv" (dict "env" "BATCH_EXECUTION_APIKEY" "secret" .Values.batch.gatewayApiKeyExistingSecret "key" .Values.batch.gatewayApiKeyExistingSecretKey) }}
{{- else if .Values.batch.gatewayApiKey }}
{{ include "aibrix.secretEnv" (dict "env" "BATCH_EXECUTION_APIKEY" "secret" (include "aibrix.credentialsSecret" .) "key" "batch-gateway-api-key") }}
{{- end }}
{{- end -}}

{{- define "aibrix.env.loraManager" -}}
{{ include "aibrix.metadataTokenEnv" (dict "root" . "env" "LORA_METADATA_ADMINTOKEN" "token" "admin") }}
{{- end -}}

{{- define "aibrix.env.kvcacheCoordinator" -}}
{{- if include "aibrix.redisConfigured" . }}
{{ include "aibrix.redisUrlEnv" (dict "root" . "env" "KVCACHE_PUBLICATION_REDIS_URL") }}
{{- end }}
{{- end -}}

{{- define "aibrix.env.autoscaler" -}}
{{- end -}}

{{/* The configuration file of one service: the wiring above with the user's `config` merged over it. */}}
{{- define "aibrix.configFile" -}}
{{- $wiring := include (printf "aibrix.wiring.%s" .key) .root | fromYaml -}}
{{- $values := index .root.Values .key -}}
{{- toYaml (mustMergeOverwrite $wiring (deepCopy ($values.config | default dict))) -}}
{{- end -}}
