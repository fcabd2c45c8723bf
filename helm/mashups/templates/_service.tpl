{{/*
One workload: ServiceAccount, Deployment, Service, PodDisruptionBudget and optional HPA, from its block in
.Values.services (or the audio worker's, see audio-worker.yaml). Optional keys beyond a service block: nodeSelector,
tolerations, scratch (size limit of /tmp), scaledExternally (replicas owned by KEDA), peers (the replicas call each
other: POD_IP is set, and the network policy lets them in).
Call with (dict "name" $name "svc" $svc "root" $).
*/}}
{{- define "mashups.service" -}}
{{- $name := .name -}}
{{- $svc := .svc -}}
{{- $root := .root -}}
{{- $labels := dict "app.kubernetes.io/name" $name "app.kubernetes.io/instance" $root.Release.Name "app.kubernetes.io/part-of" "mashups" "app.kubernetes.io/managed-by" $root.Release.Service -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels: {{- toYaml $labels | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels: {{- toYaml $labels | nindent 4 }}
spec:
  {{- if not (or (and $svc.autoscaling $svc.autoscaling.enabled) $svc.scaledExternally) }}
  replicas: {{ $svc.replicas | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ $name }}
      app.kubernetes.io/instance: {{ $root.Release.Name }}
  template:
    metadata:
      labels: {{- toYaml $labels | nindent 8 }}
    spec:
      serviceAccountName: {{ $name }}
      # a Service named kafka would otherwise put KAFKA_PORT and friends into the Kafka client configuration
      enableServiceLinks: false
      {{- with $svc.nodeSelector }}
      nodeSelector: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.tolerations }}
      tolerations: {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: {{ $name }}
          image: {{ $svc.image | default (printf "%s/%s:%s" $root.Values.image.registry $name $root.Values.image.tag) | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port | default 8080 }}
            {{- if $svc.managementPort }}
            # health and metrics, kept off the public port (the gateway's)
            - name: management
              containerPort: {{ $svc.managementPort }}
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ $root.Release.Name }}-config
            {{- if $root.Values.existingSecret }}
            - secretRef:
                name: {{ $root.Values.existingSecret }}
            {{- end }}
            {{- if $root.Values.kafka.existingSecret }}
            - secretRef:
                name: {{ $root.Values.kafka.existingSecret }}
            {{- end }}
          {{- if or $svc.env $svc.peers }}
          env:
            {{- if $svc.peers }}
            # the pod's own address, where its peers reach it ($(POD_IP) in the values below)
            - name: POD_IP
              valueFrom: { fieldRef: { fieldPath: status.podIP } }
            {{- end }}
            {{- range $key, $value := $svc.env }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          {{- end }}
          {{- $probePort := ternary "management" "http" (not (empty $svc.managementPort)) }}
          startupProbe:
            httpGet: { path: /q/health/started, port: {{ $probePort }} }
            periodSeconds: 2
            failureThreshold: 60
          readinessProbe:
            httpGet: { path: /q/health/ready, port: {{ $probePort }} }
            periodSeconds: 5
          livenessProbe:
            httpGet: { path: /q/health/live, port: {{ $probePort }} }
            periodSeconds: 10
          resources: {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
      volumes:
        {{- if $svc.scratch }}
        - { name: tmp, emptyDir: { sizeLimit: {{ $svc.scratch }} } }
        {{- else }}
        - { name: tmp, emptyDir: {} }
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels: {{- toYaml $labels | nindent 4 }}
spec:
  selector:
    app.kubernetes.io/name: {{ $name }}
    app.kubernetes.io/instance: {{ $root.Release.Name }}
  ports:
    - name: http
      port: 8080
      targetPort: http
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels: {{- toYaml $labels | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ $name }}
      app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- if and $svc.autoscaling $svc.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels: {{- toYaml $labels | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $svc.autoscaling.minReplicas | default 2 }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas | default 10 }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCpuPercent | default 70 }}
{{- end }}
{{- end -}}
