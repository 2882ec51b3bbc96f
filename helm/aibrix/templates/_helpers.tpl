{{/* Names, labels and the table of the suite's services, shared by every template. */}}

{{- define "aibrix.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
The services: values key -> resource name suffix, Maven module (image name), the configuration file it reads
(spring.config.name) and whether it exports /actuator/prometheus. Every per-service template ranges over this.
*/}}
{{- define "aibrix.components" -}}
gateway:
  name: gateway
  module: gateway-service
  configName: gateway
  prometheus: true
metadata:
  name: metadata
  module: metadata-service
  configName: metadata
  prometheus: true
batch:
  name: batch
  module: batch-service
  configName: batch
  prometheus: true
loraManager:
  name: lora-manager
  module: lora-manager
  configName: lora
  prometheus: false
kvcacheCoordinator:
  name: kvcache-coordinator
  module: kvcache-coordinator
  configName: kvcache
  prometheus: false
autoscaler:
  name: autoscaler
  module: autoscaler-service
  configName: autoscaler
  prometheus: true
{{- end -}}

{{- define "aibrix.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: aibrix
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one service; argument: (dict "root" $ "name" "gateway"). */}}
{{- define "aibrix.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "aibrix.resourceName" -}}
{{- printf "%s-%s" (include "aibrix.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* In-cluster URL of a service; argument: (dict "root" $ "key" "metadata"). */}}
{{- define "aibrix.serviceUrl" -}}
{{- $component := get (include "aibrix.components" .root | fromYaml) .key -}}
{{- $values := index .root.Values .key -}}
{{- printf "http://%s:%v" (include "aibrix.resourceName" (dict "root" .root "name" $component.name)) $values.servicePort -}}
{{- end -}}

{{- define "aibrix.credentialsSecret" -}}
{{- printf "%s-credentials" (include "aibrix.fullname" .) -}}
{{- end -}}

{{- define "aibrix.metadataTokensSecret" -}}
{{- printf "%s-metadata-tokens" (include "aibrix.fullname" .) -}}
{{- end -}}

{{- define "aibrix.engineNamespace" -}}
{{- if .Values.engineDiscovery.allNamespaces -}}
{{- "" -}}
{{- else -}}
{{- .Values.engineDiscovery.namespace | default .Release.Namespace -}}
{{- end -}}
{{- end -}}

{{- define "aibrix.redisConfigured" -}}
{{- if or .Values.redis.url .Values.redis.existingSecret -}}true{{- end -}}
{{- end -}}

{{- define "aibrix.s3CredentialsConfigured" -}}
{{- if or .Values.s3.accessKeyId .Values.s3.existingSecret -}}true{{- end -}}
{{- end -}}

{{- define "aibrix.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql -}}
{{- printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port .database -}}
{{- if $pg.parameters }}?{{ $pg.parameters }}{{ end -}}
{{- end -}}

{{/* An env entry read from a Secret; argument: (dict "env" NAME "secret" S "key" K). */}}
{{- define "aibrix.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{- define "aibrix.postgresPasswordEnv" -}}
{{- include "aibrix.secretEnv" (dict "env" "SPRING_DATASOURCE_PASSWORD" "secret" (.Values.postgresql.existingSecret | default (include "aibrix.credentialsSecret" .)) "key" (ternary .Values.postgresql.existingSecretPasswordKey "postgres-password" (ne .Values.postgresql.existingSecret ""))) }}
{{- end -}}

{{- define "aibrix.metadataTokenEnv" -}}
{{- $secret := .root.Values.metadata.existingSecret | default (include "aibrix.metadataTokensSecret" .root) -}}
{{- $key := "metadata-admin-token" -}}
{{- if eq .token "internal" -}}
{{- $key = ternary .root.Values.metadata.existingSecretInternalTokenKey "metadata-internal-token" (ne .root.Values.metadata.existingSecret "") -}}
{{- else -}}
{{- $key = ternary .root.Values.metadata.existingSecretAdminTokenKey "metadata-admin-token" (ne .root.Values.metadata.existingSecret "") -}}
{{- end -}}
{{- include "aibrix.secretEnv" (dict "env" .env "secret" $secret "key" $key) }}
{{- end -}}

{{- define "aibrix.redisUrlEnv" -}}
{{- $secret := .root.Values.redis.existingSecret | default (include "aibrix.credentialsSecret" .root) -}}
{{- $key := ternary .root.Values.redis.existingSecretUrlKey "redis-url" (ne .root.Values.redis.existingSecret "") -}}
{{- include "aibrix.secretEnv" (dict "env" .env "secret" $secret "key" $key) }}
{{- end -}}
