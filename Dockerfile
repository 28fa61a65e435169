# One image for every service; docker-compose.yml picks the app with
#   command: ["node", "dist/apps/<app>/src/main.js"]

# ---- build: compile TypeScript (apps, libs, tools) into dist/ -----------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig*.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools

# rm -rf dist && tsc -p tsconfig.build.json && tsc-alias -p tsconfig.build.json
RUN npm run build

# ---- runtime: production dependencies + compiled output only -------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --from=build /app/dist ./dist

# Files stay root-owned (read-only to the app); the process runs unprivileged.
USER node

# Exec form: node is PID 1 and receives SIGTERM itself, so the service stops its relay and
# consumers, closes the database and the broker connection, and exits 0.
# Health checks live in docker-compose.yml.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/product/src/main.js"]
