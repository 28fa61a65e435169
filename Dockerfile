# One image for every service; docker-compose.yml picks the app with
#   command: ["node", "dist/apps/<app>/src/main.js"]
# Node 24 LTS on Debian 13; why this line and not 20 or 22: docs/decisions/0016-supported-runtimes.md

# ---- build: compile TypeScript (apps, libs, tools, the console's page) into dist/
FROM node:24-trixie-slim AS build
WORKDIR /app

# --ignore-scripts: compiling needs no dependency's install script. The only ones are jest's
# (@parcel/watcher, unrs-resolver: native bindings that come prebuilt) and @scarf/scarf's usage
# report (pulled in by swagger-ui-dist); npm 11 warns that none of them is allowed yet.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts

COPY tsconfig*.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools

# tsc (apps, libs, tools) + tsc-alias, then the console's page: apps/console/web into dist/
RUN npm run build

# ---- runtime: production dependencies + compiled output only -------------------
FROM node:24-trixie-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# No production dependency has native code or needs an install script.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

COPY --from=build /app/dist ./dist

# Files stay root-owned (read-only to the app); the process runs unprivileged.
USER node

# Exec form: node is PID 1 and receives SIGTERM itself, so the service stops its relay and
# consumers, closes the database and the broker connection, and exits 0.
# Health checks live in docker-compose.yml.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/product/src/main.js"]
