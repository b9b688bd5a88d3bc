{{/* Names ------------------------------------------------------------------ */}}

{{- define "aether.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-aether, or the release name alone when it already contains the chart name. */}}
{{- define "aether.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "aether.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<fullname>-<component>", for the objects of one component. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "aether.componentName" -}}
{{- printf "%s-%s" (include "aether.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels ----------------------------------------------------------------- */}}

{{/* Selector labels of a component; never change them (selectors are immutable). (dict "root" $ "component" "gateway") */}}
{{- define "aether.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aether.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* Every object's labels. (dict "root" $ "component" "gateway"); component may be "". */}}
{{- define "aether.labels" -}}
helm.sh/chart: {{ include "aether.chart" .root }}
{{ include "aether.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: aether
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Images ----------------------------------------------------------------- */}}

{{/* <registry>/<repository>:<tag>. (dict "root" $ "image" .Values.gateway.image) */}}
{{- define "aether.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "aether.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets -}}
imagePullSecrets:
{{- range . }}
  - name: {{ if kindIs "map" . }}{{ .name }}{{ else }}{{ . }}{{ end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Secrets ---------------------------------------------------------------- */}}

{{- define "aether.redisSecretName" -}}
{{- .Values.redis.existingSecret | default (include "aether.componentName" (dict "root" . "component" "redis")) -}}
{{- end -}}
{{- define "aether.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecretKey }}{{ else }}url{{ end -}}
{{- end -}}

{{- define "aether.databaseSecretName" -}}
{{- .Values.database.existingSecret | default (include "aether.componentName" (dict "root" . "component" "database")) -}}
{{- end -}}
{{- define "aether.databaseSecretKey" -}}
{{- if .Values.database.existingSecret }}{{ .Values.database.existingSecretKey }}{{ else }}url{{ end -}}
{{- end -}}

{{/* The migration Job's URL (the migrator role): evaluation mode's Secret, database.migrator.existingSecret, or the
hook Secret <fullname>-migrations holding database.migrator.url (or, with no migrator given, the runtime URL). */}}
{{- define "aether.migratorSecretName" -}}
{{- if .Values.evaluation.enabled -}}
{{- include "aether.componentName" (dict "root" . "component" "database-migrator") -}}
{{- else if .Values.database.migrator.existingSecret -}}
{{- .Values.database.migrator.existingSecret -}}
{{- else if or .Values.database.migrator.url (not .Values.database.existingSecret) -}}
{{- include "aether.componentName" (dict "root" . "component" "migrations") -}}
{{- else -}}
{{- .Values.database.existingSecret -}}
{{- end -}}
{{- end -}}
{{- define "aether.migratorSecretKey" -}}
{{- if .Values.evaluation.enabled -}}
url
{{- else if .Values.database.migrator.existingSecret -}}
{{- .Values.database.migrator.existingSecretKey -}}
{{- else if or .Values.database.migrator.url (not .Values.database.existingSecret) -}}
url
{{- else -}}
{{- .Values.database.existingSecretKey -}}
{{- end -}}
{{- end -}}
{{/* The URL the hook Secret <fullname>-migrations holds ("" when the Job reads another Secret). */}}
{{- define "aether.migratorHookUrl" -}}
{{- if not (or .Values.evaluation.enabled .Values.database.migrator.existingSecret) -}}
{{- .Values.database.migrator.url | default .Values.database.url -}}
{{- end -}}
{{- end -}}

{{- define "aether.authSecretName" -}}
{{- .Values.auth.password.existingSecret | default (include "aether.componentName" (dict "root" . "component" "auth")) -}}
{{- end -}}
{{- define "aether.authSecretKey" -}}
{{- if .Values.auth.password.existingSecret }}{{ .Values.auth.password.existingSecretKey }}{{ else }}token-secret{{ end -}}
{{- end -}}

{{- define "aether.jwtSecretName" -}}
{{- .Values.auth.jwt.existingSecret | default (include "aether.componentName" (dict "root" . "component" "jwt")) -}}
{{- end -}}
{{- define "aether.jwtSecretKey" -}}
{{- if .Values.auth.jwt.existingSecret }}{{ .Values.auth.jwt.existingSecretKey }}{{ else }}jwt-public-key.pem{{ end -}}
{{- end -}}

{{- define "aether.npcLlmSecretName" -}}
{{- .Values.npcLlm.existingSecret | default (include "aether.componentName" (dict "root" . "component" "npc-llm")) -}}
{{- end -}}
{{- define "aether.npcLlmSecretKey" -}}
{{- if .Values.npcLlm.existingSecret }}{{ .Values.npcLlm.existingSecretKey }}{{ else }}api-key{{ end -}}
{{- end -}}

{{/* Other names ------------------------------------------------------------ */}}

{{- define "aether.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create -}}
{{- .Values.operator.serviceAccount.name | default (include "aether.componentName" (dict "root" . "component" "operator")) -}}
{{- else -}}
{{- .Values.operator.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "aether.gateway.serviceAccountName" -}}
{{- if .Values.gateway.serviceAccount.create -}}
{{- .Values.gateway.serviceAccount.name | default (include "aether.componentName" (dict "root" . "component" "gateway")) -}}
{{- else -}}
{{- .Values.gateway.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "aether.zoneAssignmentName" -}}
{{- .Values.zoneAssignment.name | default (include "aether.componentName" (dict "root" . "component" "world")) -}}
{{- end -}}

{{/* Evaluation mode ------------------------------------------------------- */}}

{{/* <registry>/<repository>:<tag> of a third-party image. (an evaluation.*.image) */}}
{{- define "aether.evaluation.image" -}}
{{- if .registry -}}
{{- printf "%s/%s:%s" .registry .repository .tag -}}
{{- else -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}
{{- end -}}

{{/* host:port of evaluation mode's Redis or PostgreSQL Service. (dict "root" $ "component" "redis" "port" 6379) */}}
{{- define "aether.evaluation.address" -}}
{{- printf "%s.%s.svc:%d" (include "aether.componentName" (dict "root" .root "component" .component)) .root.Release.Namespace (int .port) -}}
{{- end -}}

{{/* URLs ------------------------------------------------------------------- */}}

{{/* The port of a URL: explicit, or the scheme's default. */}}
{{- define "aether.urlPort" -}}
{{- $u := urlParse . -}}
{{- $explicit := trimPrefix (printf "%s:" $u.hostname) $u.host -}}
{{- if and $explicit (ne $explicit $u.host) -}}
{{- $explicit -}}
{{- else -}}
{{- get (dict "redis" "6379" "rediss" "6379" "postgres" "5432" "postgresql" "5432" "http" "80" "https" "443") $u.scheme | default "443" -}}
{{- end -}}
{{- end -}}

{{/* Pod pieces ------------------------------------------------------------- */}}

{{/* Soft anti-affinity over nodes for one component, unless .affinity is set. (dict "root" $ "component" "gateway" "values" .Values.gateway) */}}
{{- define "aether.affinity" -}}
{{- if .values.affinity -}}
affinity:
  {{- toYaml .values.affinity | nindent 2 }}
{{- else if .values.spreadAcrossNodes -}}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "aether.selectorLabels" (dict "root" .root "component" .component) | nindent 14 }}
{{- end }}
{{- end -}}

{{/* Validation: impossible values stop the render, every problem listed in one message --------- */}}

{{- define "aether.validate" -}}
{{- $v := .Values -}}
{{- $problems := list -}}
{{- $eval := $v.evaluation -}}
{{- $db := $v.database -}}
{{- if $eval.enabled -}}
{{- /* Evaluation mode brings its own Redis and PostgreSQL; anything that looks like a production install is refused. */ -}}
{{- range $setting := list "redis.url" "redis.existingSecret" "database.url" "database.existingSecret" "database.migrator.url" "database.migrator.existingSecret" -}}
{{- $parts := splitList "." $setting -}}
{{- $value := index $v (index $parts 0) -}}
{{- range (rest $parts) }}{{ $value = index $value . }}{{ end -}}
{{- if $value -}}
{{- $problems = append $problems (printf "evaluation.enabled runs its own Redis and PostgreSQL and wires their Secrets: remove %s, or set evaluation.enabled=false to use your own" $setting) -}}
{{- end -}}
{{- end -}}
{{- range $store := list "redis" "postgresql" -}}
{{- $replicas := int (index $eval $store).replicas -}}
{{- if ne $replicas 1 -}}
{{- $problems = append $problems (printf "evaluation.%s.replicas must be 1 (got %d): evaluation mode runs a single %s without replication; for more, run your own and set evaluation.enabled=false" $store $replicas (ternary "Redis" "PostgreSQL" (eq $store "redis"))) -}}
{{- end -}}
{{- end -}}
{{- if not $v.migrations.enabled -}}
{{- $problems = append $problems "evaluation.enabled needs migrations.enabled=true: the migration Job creates the schema in the release's empty PostgreSQL" -}}
{{- end -}}
{{- if $v.operator.watchAllNamespaces -}}
{{- $problems = append $problems "evaluation.enabled with operator.watchAllNamespaces=true: a cluster-wide operator would give every namespace's zone pods this release's evaluation database; keep watchAllNamespaces=false" -}}
{{- end -}}
{{- if $v.gateway.autoscaling.enabled -}}
{{- $problems = append $problems "evaluation.enabled with gateway.autoscaling.enabled=true: autoscaled gateways are a production setting, and the single evaluation Redis and PostgreSQL would not follow; set evaluation.enabled=false and give redis/database URLs" -}}
{{- end -}}
{{- if $v.zoneAssignment.autoscaling.enabled -}}
{{- $problems = append $problems "evaluation.enabled with zoneAssignment.autoscaling.enabled=true: autoscaled zone servers are a production setting; set evaluation.enabled=false and give redis/database URLs" -}}
{{- end -}}
{{- if $v.redis.cluster -}}
{{- $problems = append $problems "evaluation.enabled with redis.cluster=true: evaluation mode runs one Redis, not a Redis Cluster; set evaluation.enabled=false and give the cluster's seed nodes in redis.url" -}}
{{- end -}}
{{- $pg := $eval.postgresql -}}
{{- if or (eq $pg.migratorRole $pg.runtimeRole) (eq $pg.migratorRole "postgres") (eq $pg.runtimeRole "postgres") -}}
{{- $problems = append $problems (printf "evaluation.postgresql.migratorRole (%s) and runtimeRole (%s) must differ from each other and from the superuser postgres" $pg.migratorRole $pg.runtimeRole) -}}
{{- end -}}
{{- else -}}
{{- if and (not $v.redis.url) (not $v.redis.existingSecret) -}}
{{- $problems = append $problems "redis: set redis.url (redis://… or rediss://…) or redis.existingSecret (a Secret holding the URL under redis.existingSecretKey), or evaluation.enabled=true to try Aether with a Redis and PostgreSQL of the release's own" -}}
{{- end -}}
{{- if and $v.redis.url $v.redis.existingSecret -}}
{{- $problems = append $problems "redis: set either redis.url or redis.existingSecret, not both" -}}
{{- end -}}
{{- if and $v.redis.url (not (regexMatch "^rediss?://" $v.redis.url)) -}}
{{- $problems = append $problems (printf "redis.url must start with redis:// or rediss:// (got %q)" $v.redis.url) -}}
{{- end -}}
{{- if and (contains "," $v.redis.url) (not $v.redis.cluster) -}}
{{- $problems = append $problems "redis.url lists several nodes: set redis.cluster=true to use them as Redis Cluster seeds, or name one server" -}}
{{- end -}}
{{- if and (not $db.url) (not $db.existingSecret) -}}
{{- $problems = append $problems "database: set database.url (postgresql://…) or database.existingSecret (a Secret holding the URL under database.existingSecretKey)" -}}
{{- end -}}
{{- if and $db.url $db.existingSecret -}}
{{- $problems = append $problems "database: set either database.url or database.existingSecret, not both" -}}
{{- end -}}
{{- if and $db.url (not (regexMatch "^postgres(ql)?://" $db.url)) -}}
{{- $problems = append $problems "database.url must start with postgres:// or postgresql://" -}}
{{- end -}}
{{- if and $db.migrator.url $db.migrator.existingSecret -}}
{{- $problems = append $problems "database.migrator: set either migrator.url or migrator.existingSecret, not both" -}}
{{- end -}}
{{- if and $db.migrator.url (not (regexMatch "^postgres(ql)?://" $db.migrator.url)) -}}
{{- $problems = append $problems "database.migrator.url must start with postgres:// or postgresql://" -}}
{{- end -}}
{{- if and $db.migrator.url $db.url (regexMatch "^postgres(ql)?://" $db.migrator.url) (regexMatch "^postgres(ql)?://" $db.url) -}}
{{- $runtime := urlParse $db.url -}}
{{- $migrator := urlParse $db.migrator.url -}}
{{- if eq $db.migrator.url $db.url -}}
{{- $problems = append $problems "database.migrator.url equals database.url: give the migrator role's URL (it owns the schema), or leave migrator.url empty to run migrations as the runtime role" -}}
{{- else if eq (splitList ":" $runtime.userinfo | first) (splitList ":" $migrator.userinfo | first) -}}
{{- $problems = append $problems "database.migrator.url and database.url log in as the same role: the runtime pods would hold DDL rights; create a migrator and a runtime role (docs/operations.md, \"Database roles\")" -}}
{{- end -}}
{{- $runtimeAt := printf "%s:%s%s" $runtime.hostname (include "aether.urlPort" $db.url) $runtime.path -}}
{{- $migratorAt := printf "%s:%s%s" $migrator.hostname (include "aether.urlPort" $db.migrator.url) $migrator.path -}}
{{- if ne $runtimeAt $migratorAt -}}
{{- $problems = append $problems (printf "database.migrator.url points at %s but database.url at %s: the migrations would go to another database than the one the pods use" $migratorAt $runtimeAt) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $np := $v.networkPolicy -}}
{{- if $np.enabled -}}
{{- /* The policies open Redis and PostgreSQL on networkPolicy.*.ports only: a URL on another port would be cut off. */ -}}
{{- $redisChecks := list -}}
{{- range $seed := splitList "," $v.redis.url }}{{ $redisChecks = append $redisChecks (list "redis.url" (trim $seed) "networkPolicy.redis.ports" $np.redis.ports) }}{{ end -}}
{{- range $check := concat $redisChecks (list (list "database.url" $db.url "networkPolicy.database.ports" $np.database.ports) (list "database.migrator.url" $db.migrator.url "networkPolicy.database.ports" $np.database.ports)) -}}
{{- $url := index $check 1 -}}
{{- if and $url (regexMatch "^(rediss?|postgres(ql)?)://" $url) (not $eval.enabled) -}}
{{- $port := include "aether.urlPort" $url -}}
{{- $open := list -}}
{{- range (index $check 3) }}{{ $open = append $open (toString (int .)) }}{{ end -}}
{{- if not (has $port $open) -}}
{{- $problems = append $problems (printf "%s uses port %s, which %s (%s) does not open: add it there, or the NetworkPolicies cut the pods off" (index $check 0) $port (index $check 2) (join ", " $open)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $auth := $v.auth -}}
{{- if eq $auth.mode "dev" -}}
{{- if has $v.gateway.service.type (list "LoadBalancer" "NodePort") -}}
{{- $problems = append $problems (printf "auth.mode=dev lets anyone log in as anyone (the token \"dev:<name>\"), so it cannot go behind a %s Service: set auth.mode=password (with auth.password.tokenSecret or existingSecret) or auth.mode=jwt (with auth.jwt.issuer, audience and jwksUrl), or keep gateway.service.type=ClusterIP and reach a development install with kubectl port-forward" $v.gateway.service.type) -}}
{{- end -}}
{{- end -}}
{{- if eq $auth.mode "password" -}}
{{- if and (not $auth.password.tokenSecret) (not $auth.password.existingSecret) -}}
{{- $problems = append $problems "auth.mode=password needs auth.password.tokenSecret (at least 32 bytes, e.g. `openssl rand -base64 48`) or auth.password.existingSecret (a Secret holding it under auth.password.existingSecretKey)" -}}
{{- end -}}
{{- if and $auth.password.tokenSecret $auth.password.existingSecret -}}
{{- $problems = append $problems "auth.password: set either tokenSecret or existingSecret, not both" -}}
{{- end -}}
{{- if and $auth.password.tokenSecret (lt (len $auth.password.tokenSecret) 32) -}}
{{- $problems = append $problems (printf "auth.password.tokenSecret must be at least 32 bytes (it has %d)" (len $auth.password.tokenSecret)) -}}
{{- end -}}
{{- end -}}
{{- if eq $auth.mode "jwt" -}}
{{- if not $auth.jwt.issuer -}}
{{- $problems = append $problems "auth.mode=jwt needs auth.jwt.issuer (the identity provider's \"iss\")" -}}
{{- end -}}
{{- if not $auth.jwt.audience -}}
{{- $problems = append $problems "auth.mode=jwt needs auth.jwt.audience (the \"aud\" its tokens are issued for)" -}}
{{- end -}}
{{- $keys := 0 -}}
{{- if $auth.jwt.jwksUrl }}{{ $keys = add1 $keys }}{{ end -}}
{{- if or $auth.jwt.publicKey $auth.jwt.existingSecret }}{{ $keys = add1 $keys }}{{ end -}}
{{- if eq $keys 0 -}}
{{- $problems = append $problems "auth.mode=jwt needs auth.jwt.jwksUrl (or auth.jwt.publicKey or auth.jwt.existingSecret with a PEM key)" -}}
{{- else if gt $keys 1 -}}
{{- $problems = append $problems "auth.jwt: set either jwksUrl or a public key (publicKey / existingSecret), not both" -}}
{{- end -}}
{{- if and $auth.jwt.publicKey $auth.jwt.existingSecret -}}
{{- $problems = append $problems "auth.jwt: set either publicKey or existingSecret, not both" -}}
{{- end -}}
{{- end -}}
{{- $llm := $v.npcLlm -}}
{{- if and $llm.url (not $llm.model) -}}
{{- $problems = append $problems "npcLlm.url needs npcLlm.model (the model the API should run)" -}}
{{- end -}}
{{- if and (or $llm.apiKey $llm.existingSecret $llm.model) (not $llm.url) -}}
{{- $problems = append $problems "npcLlm: model, apiKey and existingSecret only take effect with npcLlm.url; set it, or leave them empty" -}}
{{- end -}}
{{- if and $llm.apiKey $llm.existingSecret -}}
{{- $problems = append $problems "npcLlm: set either apiKey or existingSecret, not both" -}}
{{- end -}}
{{- range $component := list "operator" "gateway" -}}
{{- $replicas := int (index $v $component).replicas -}}
{{- if lt $replicas 0 -}}
{{- $problems = append $problems (printf "%s.replicas must be >= 0 (got %d)" $component $replicas) -}}
{{- end -}}
{{- end -}}
{{- if and $v.operator.pdb.enabled (gt (int $v.operator.replicas) 1) (ge (int $v.operator.pdb.minAvailable) (int $v.operator.replicas)) -}}
{{- $problems = append $problems (printf "operator.pdb.minAvailable (%d) must be less than operator.replicas (%d), or no operator pod could ever be evicted (node drains would hang); disable operator.pdb or add replicas" (int $v.operator.pdb.minAvailable) (int $v.operator.replicas)) -}}
{{- end -}}
{{- $hpa := $v.gateway.autoscaling -}}
{{- if $hpa.enabled -}}
{{- if gt (int $hpa.minReplicas) (int $hpa.maxReplicas) -}}
{{- $problems = append $problems (printf "gateway.autoscaling.minReplicas (%d) must be <= gateway.autoscaling.maxReplicas (%d)" (int $hpa.minReplicas) (int $hpa.maxReplicas)) -}}
{{- end -}}
{{- if lt (int $hpa.minReplicas) 1 -}}
{{- $problems = append $problems "gateway.autoscaling.minReplicas must be >= 1" -}}
{{- end -}}
{{- end -}}
{{- $le := $v.operator.leaderElection -}}
{{- if not (and (lt (int $le.retryPeriodSeconds) (int $le.renewDeadlineSeconds)) (lt (int $le.renewIntervalSeconds) (int $le.renewDeadlineSeconds)) (lt (int $le.renewDeadlineSeconds) (int $le.leaseDurationSeconds))) -}}
{{- $problems = append $problems "operator.leaderElection: need retryPeriodSeconds and renewIntervalSeconds < renewDeadlineSeconds < leaseDurationSeconds" -}}
{{- end -}}
{{- if $v.zoneAssignment.enabled -}}
{{- $s := $v.zoneAssignment.servers -}}
{{- if gt (int $s.minReplicas) (int $s.maxReplicas) -}}
{{- $problems = append $problems (printf "zoneAssignment.servers.minReplicas (%d) must be <= maxReplicas (%d)" (int $s.minReplicas) (int $s.maxReplicas)) -}}
{{- end -}}
{{- if or (lt (int $s.replicas) (int $s.minReplicas)) (gt (int $s.replicas) (int $s.maxReplicas)) -}}
{{- $problems = append $problems (printf "zoneAssignment.servers.replicas (%d) must lie within [minReplicas, maxReplicas] = [%d, %d]" (int $s.replicas) (int $s.minReplicas) (int $s.maxReplicas)) -}}
{{- end -}}
{{- if gt (len $v.zoneAssignment.zones) (mul (int $s.maxReplicas) (int $s.maxZonesPerServer)) -}}
{{- $problems = append $problems (printf "zoneAssignment: %d zones do not fit on maxReplicas * maxZonesPerServer = %d" (len $v.zoneAssignment.zones) (mul (int $s.maxReplicas) (int $s.maxZonesPerServer))) -}}
{{- end -}}
{{- $ids := dict -}}
{{- range $v.zoneAssignment.zones -}}
{{- if hasKey $ids .id -}}
{{- $problems = append $problems (printf "zoneAssignment.zones: zone id %q appears twice" .id) -}}
{{- end -}}
{{- $_ := set $ids .id true -}}
{{- end -}}
{{- $a := $v.zoneAssignment.autoscaling -}}
{{- if and $a.enabled (gt (int $a.targetPlayersPerServer) (int $s.maxPlayersPerServer)) -}}
{{- $problems = append $problems "zoneAssignment.autoscaling.targetPlayersPerServer must be <= servers.maxPlayersPerServer" -}}
{{- end -}}
{{- range $v.zone.extraEnv -}}
{{- if has .name (list "SERVER_ID" "REDIS_URL" "DATABASE_URL" "TICK_RATE" "METRICS_PORT" "ASSIGNED_ZONES") -}}
{{- $problems = append $problems (printf "zone.extraEnv: %s is set by the operator" .name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $problems -}}
{{- fail (printf "these values cannot work:\n  - %s" (join "\n  - " $problems)) -}}
{{- end -}}
{{- end -}}

{{/* The migration Job's container, less name and command. (dict "root" $ "env" (dict "secretName" … "secretKey" …)) */}}
{{- define "aether.migrations.container" -}}
image: {{ include "aether.image" (dict "root" .root "image" .root.Values.gateway.image) }}
imagePullPolicy: {{ .root.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .root.Values.securityContext | nindent 2 }}
env:
  - name: DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: {{ .env.secretName }}
        key: {{ .env.secretKey }}
  - name: LOG_LEVEL
    value: {{ .root.Values.logLevel | quote }}
{{- with .root.Values.migrations.resources }}
resources:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- end -}}
