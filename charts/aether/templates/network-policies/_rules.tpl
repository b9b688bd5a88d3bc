{{/*
Rules the NetworkPolicies share (values: networkPolicy.*; docs/operations.md, "Network policies").
Each renders one item of an ingress or egress list. An empty peer list renders no `to`/`from`,
which NetworkPolicy reads as "any address" on the rule's ports.
*/}}

{{/* One rule: (dict "direction" "to"|"from" "peers" [...] "ports" [[protocol, port], ...]) */}}
{{- define "aether.networkPolicy.rule" -}}
- ports:
    {{- range .ports }}
    - {protocol: {{ index . 0 }}, port: {{ index . 1 }}}
    {{- end }}
  {{- with .peers }}
  {{ $.direction }}:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* The cluster DNS. (root) */}}
{{- define "aether.networkPolicy.dns" -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "to" "peers" .Values.networkPolicy.dns.to "ports" (list (list "UDP" 53) (list "TCP" 53))) -}}
{{- end -}}

{{/* Redis (gateway, operator, zone pods): the release's own in evaluation mode, else networkPolicy.redis. (root) */}}
{{- define "aether.networkPolicy.redis" -}}
{{- if .Values.evaluation.enabled -}}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (include "aether.selectorLabels" (dict "root" . "component" "redis") | fromYaml))) -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "to" "peers" $peers "ports" (list (list "TCP" 6379))) -}}
{{- else -}}
{{- $ports := list -}}
{{- range .Values.networkPolicy.redis.ports }}{{ $ports = append $ports (list "TCP" (int .)) }}{{ end -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "to" "peers" .Values.networkPolicy.redis.to "ports" $ports) -}}
{{- end -}}
{{- end -}}

{{/* PostgreSQL (gateway, zone pods, migration Job): the release's own in evaluation mode, else networkPolicy.database. (root) */}}
{{- define "aether.networkPolicy.database" -}}
{{- if .Values.evaluation.enabled -}}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (include "aether.selectorLabels" (dict "root" . "component" "postgresql") | fromYaml))) -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "to" "peers" $peers "ports" (list (list "TCP" 5432))) -}}
{{- else -}}
{{- $ports := list -}}
{{- range .Values.networkPolicy.database.ports }}{{ $ports = append $ports (list "TCP" (int .)) }}{{ end -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "to" "peers" .Values.networkPolicy.database.to "ports" $ports) -}}
{{- end -}}
{{- end -}}

{{/* An HTTPS (or HTTP) service named by a URL, on that URL's port. (dict "url" … "peers" [...]) */}}
{{- define "aether.networkPolicy.url" -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "to" "peers" .peers "ports" (list (list "TCP" (int (include "aether.urlPort" .url))))) -}}
{{- end -}}

{{/* Prometheus scraping a metrics port; nothing when networkPolicy.prometheus.namespace is "". (dict "root" $ "port" 9464) */}}
{{- define "aether.networkPolicy.prometheus" -}}
{{- with .root.Values.networkPolicy.prometheus -}}
{{- if .namespace -}}
{{- $peer := dict "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" .namespace)) -}}
{{- if .podLabels }}{{ $_ := set $peer "podSelector" (dict "matchLabels" .podLabels) }}{{ end -}}
{{- include "aether.networkPolicy.rule" (dict "direction" "from" "peers" (list $peer) "ports" (list (list "TCP" (int $.port)))) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The metadata of one component's policy. (dict "root" $ "component" "gateway") */}}
{{- define "aether.networkPolicy.metadata" -}}
metadata:
  name: {{ include "aether.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "aether.labels" . | nindent 4 }}
{{- end -}}
