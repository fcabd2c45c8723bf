#!/usr/bin/env bash
# Adds a service to the fleet in one step:  deploy/new-service.sh <name> [--paths /api/a,/api/b] [--port 8089]
# Creates services/<name> (pom, application.properties with only its own settings, a first migration, README, a
# health test) and registers it everywhere the fleet lists services: the root pom, deploy/local/fleet.sh, the
# gateway's routes and Swagger UI, the chart's values, skaffold.yaml, the image workflow, the chart and system test
# builds. Shared configuration (datasource, Kafka, OIDC, OpenAPI, image) comes from libs/web and libs/messaging.
# Entries that already exist (the gateway routes planned services) are kept. Needs python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v python3 >/dev/null || { echo "python3 is needed: apt-get install python3" >&2; exit 1; }
exec python3 - "$root" "$@" <<'PY'
import re, sys, pathlib

root = pathlib.Path(sys.argv[1])
args = sys.argv[2:]
if not args or args[0].startswith("-"):
    sys.exit("usage: deploy/new-service.sh <name> [--paths /api/a,/api/b] [--port N]")
name = args[0]
options = dict(zip(args[1::2], args[2::2]))
if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name) or len(name) > 30:
    sys.exit(f"{name!r}: a service name is lower-case words joined by hyphens, at most 30 characters")
service = root / "services" / name
if service.exists():
    sys.exit(f"services/{name} exists already")
schema = name.replace("-", "_")
package = "io.mashups." + name.replace("-", "")
title = name.replace("-", " ")


def read(path):
    return (root / path).read_text()


def write(path, text):
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def insert_after_last(path, pattern, text):
    """Adds text after the last line matching pattern (a regex), keeping the file's order of sections."""
    content = read(path)
    matches = list(re.finditer(pattern, content, re.M))
    if not matches:
        sys.exit(f"{path}: no line matches {pattern}")
    end = content.index("\n", matches[-1].end()) + 1
    write(path, content[:end] + text + content[end:])


# --- the fleet's local port and the gateway's paths ---
fleet = read("deploy/local/fleet.sh")
known = dict(re.findall(r'^  "([a-z0-9-]+) (\d+)"$', fleet, re.M))
gateway = read("services/gateway/src/main/resources/application.properties")
routed = re.search(rf"^gateway\.services\.{re.escape(name)}\.paths=(.+)$", gateway, re.M)
paths = options.get("--paths") or (routed.group(1) if routed else f"/api/{name}")
port = options.get("--port") or known.get(name) or str(max(int(p) for s, p in known.items() if s != "gateway") + 1)

# --- the module ---
write(f"services/{name}/pom.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>io.mashups</groupId>
    <artifactId>mashups-parent</artifactId>
    <version>1.0.0-SNAPSHOT</version>
    <relativePath>../../pom.xml</relativePath>
  </parent>
  <artifactId>{name}</artifactId>
  <name>Mashups {name}</name>

  <dependencies>
    <dependency>
      <groupId>io.mashups</groupId>
      <artifactId>web</artifactId>
    </dependency>
    <dependency>
      <groupId>io.mashups</groupId>
      <artifactId>messaging</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-smallrye-openapi</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-smallrye-health</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-micrometer-registry-prometheus</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-container-image-jib</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-kubernetes</artifactId>
    </dependency>

    <dependency>
      <groupId>io.mashups</groupId>
      <artifactId>testing</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>io.quarkus</groupId>
        <artifactId>quarkus-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
""")
write(f"services/{name}/src/main/resources/application.properties", f"""quarkus.application.name={name}
# shared defaults (datasource, Flyway, Kafka, OIDC, OpenAPI, image) come from libs/web and libs/messaging
mashups.db.schema={schema}
""")
write(f"services/{name}/src/main/resources/db/migration/V1__{schema}.sql",
      f"-- The {name} schema's first tables (a migration needs one statement until then).\n"
      "-- libs/messaging adds outbox, inbox and entitlements (db/platform).\nSELECT 1;\n")
write(f"services/{name}/src/test/java/{package.replace('.', '/')}/HealthTest.java", f"""package {package};

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.mashups.testing.MashupsTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MashupsTestEnvironment.class)
class HealthTest {{
    @Test
    void startsMigratedAndConnected() {{
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }}
}}
""")
write(f"services/{name}/README.md", f"""# {name}

The Mashups {title} service. Run it with the fleet (`deploy/local/fleet.sh up`, port {port}); test it with
`deploy/local/test.sh -pl services/{name} -am`.

## Owns (schema `{schema}`)
| table | what |
|---|---|
| `outbox`, `inbox`, `entitlements` | from libs/messaging |

## API (through the gateway at {', '.join(f'`{p}`' for p in paths.split(','))}; bearer token; problem+json errors)

## Events

## Configuration
Shared settings come from libs/web and libs/messaging (see their READMEs); this service's own are in
`src/main/resources/application.properties`.
""")

# --- where the fleet lists its services ---
pom = read("pom.xml")
if f"<module>services/{name}</module>" not in pom:
    insert_after_last("pom.xml", r"^    <module>services/[a-z0-9-]+</module>$", f"    <module>services/{name}</module>\n")

if name not in known:
    insert_after_last("deploy/local/fleet.sh", r'^  "(?!gateway )[a-z0-9-]+ \d+"$', f'  "{name} {port}"\n')

if not routed:
    insert_after_last("services/gateway/src/main/resources/application.properties", r"^gateway\.services\.[a-z0-9-]+\.paths=.*$",
                      f"gateway.services.{name}.url=http://{name}:8080\ngateway.services.{name}.paths={paths}\n")
    insert_after_last("services/gateway/src/main/resources/application.properties", r"^%dev\.gateway\.services\.[a-z0-9-]+\.url=.*$",
                      f"%dev.gateway.services.{name}.url=http://127.0.0.1:{port}\n")
if f"quarkus.swagger-ui.urls.{name}=" not in read("services/gateway/src/main/resources/application.properties"):
    insert_after_last("services/gateway/src/main/resources/application.properties", r"^quarkus\.swagger-ui\.urls\.[a-z0-9-]+=.*$",
                      f"quarkus.swagger-ui.urls.{name}=/openapi/{name}\n")

values = read("helm/mashups/values.yaml")
if not re.search(rf"^  {re.escape(name)}:$", values, re.M):
    services_at = re.search(r"^services:$", values, re.M).end()
    after = re.search(r"^(?=[^\s])", values[services_at + 1:], re.M)  # the next top-level line ends the map
    end = services_at + 1 + after.start() if after else len(values)
    block = values[:end].rstrip("\n") + f"""

  {name}:
    enabled: true
    replicas: 2
    port: 8080
    resources:
      requests: {{ cpu: 200m, memory: 256Mi }}
      limits: {{ cpu: "1", memory: 512Mi }}
    env: {{}}
    autoscaling:
      enabled: false

"""
    write("helm/mashups/values.yaml", block + values[end:])

insert_after_last("skaffold.yaml", r"^          paths: \[services/[a-z0-9-]+/src, .*\]$", f"""    - image: {name}
      custom:
        buildCommand: deploy/images/build-image.sh {name}
        dependencies:
          paths: [services/{name}/src, services/{name}/pom.xml, libs, pom.xml]
""")
insert_after_last("skaffold.yaml", r"^          services\.[a-z0-9-]+\.image: .*$",
                  f'          services.{name}.image: "{{{{.IMAGE_FULLY_QUALIFIED_{name.replace("-", "_")}}}}}"\n')
insert_after_last("skaffold.yaml", r"^          services\.[a-z0-9-]+\.replicas: 1$", f"          services.{name}.replicas: 1\n")

workflow = read(".github/workflows/images.yml")
write(".github/workflows/images.yml", re.sub(r"^(  SERVICES: .*)$", rf"\1 {name}", workflow, count=1, flags=re.M))

for module in ("helm/chart-tests/pom.xml", "contract/pom.xml", "system-tests/pom.xml"):
    insert_after_last(module, r"^      <scope>provided</scope>\n    </dependency>$", f"""    <dependency>
      <groupId>io.mashups</groupId>
      <artifactId>{name}</artifactId>
      <version>${{project.version}}</version>
      <type>pom</type>
      <scope>provided</scope>
    </dependency>
""")

print(f"services/{name}: schema {schema}, port {port}, gateway paths {paths}")
print(f"next: deploy/local/test.sh -pl services/{name},helm/chart-tests -am")
PY
