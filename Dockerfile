# syntax=docker/dockerfile:1.7
# One image per service, all from this file: `docker build --target <service> -t hatago-<service> .`
# Targets: edge, guest, facility, operator, mailer (services), migrate, mail-purge,
# operator-create (one-off jobs), embedded (everything in one process, for demos). Each runs the service's build
# (dist/<service>/, `npm run build`) on plain Node: no TypeScript toolchain, no dev
# dependencies, no npm. Checked statically by tests/deploy/dockerfile.test.ts.

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: the whole repository, its locked dependencies, every artifact ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY apps/ apps/
COPY packages/ packages/
COPY config/ config/
COPY deploy/edge-vcl-options.json deploy/
COPY scripts/build/ scripts/build/
COPY tsconfig.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts && npm run build

# ---- runtime: what every service image shares ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/tmp/hatago \
    STORAGE_DIR=/tmp/hatago/objects
WORKDIR /app
# the root file system can be mounted read-only: the only writable place is /tmp (a volume)
VOLUME ["/tmp"]
# the image's own unprivileged user (uid 1000); the files stay root's, so it cannot change them
USER node
# the services drain on SIGTERM: fail /readyz, finish in-flight requests, close pools
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]

FROM runtime AS edge
COPY --from=build /src/dist/edge/ /app/
ENV PORT=8080
EXPOSE 8080
# alive = answers HTTP at all: a 502 while every app is down is the apps' problem, not a reason to restart the edge
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/').then(()=>process.exit(0),()=>process.exit(1))"]

FROM runtime AS guest
COPY --from=build /src/dist/guest/ /app/
ENV PORT=3001
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

FROM runtime AS facility
COPY --from=build /src/dist/facility/ /app/
ENV PORT=3002
EXPOSE 3002
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

FROM runtime AS operator
COPY --from=build /src/dist/operator/ /app/
ENV PORT=3003
EXPOSE 3003
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

FROM runtime AS mailer
COPY --from=build /src/dist/mailer/ /app/
ENV PORT=3004
EXPOSE 3004
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

FROM runtime AS embedded
COPY --from=build /src/dist/embedded/ /app/
ENV PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# one-off jobs: they exit when done, so there is nothing to probe
FROM runtime AS migrate
COPY --from=build /src/dist/migrate/ /app/
HEALTHCHECK NONE

FROM runtime AS mail-purge
COPY --from=build /src/dist/mail-purge/ /app/
HEALTHCHECK NONE

# the first admin of a new deployment (docs/operations.md); the password comes on stdin
FROM runtime AS operator-create
COPY --from=build /src/dist/operator-create/ /app/
HEALTHCHECK NONE
