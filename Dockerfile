# paygraph in a container. Not exercised by CI (no Docker engine runs there); see compose.yaml.
#   docker build -t paygraph .
#   docker run -e DATABASE_URL=postgresql://user:password@host:5432/paygraph -p 4000:4000 paygraph

# What `npm ci` needs: the lockfile, and the Prisma schema and config for its postinstall `prisma generate`.
FROM node:20-slim AS install
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/
COPY scripts/prisma-schema-engine.mjs scripts/

FROM install AS dependencies
RUN npm ci --omit=dev --no-audit --no-fund

# The JavaScript the image runs (`npm run build`: TypeScript, a dev dependency, compiles src/ to dist/).
FROM install AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies /app/node_modules node_modules
COPY package.json package-lock.json prisma.config.ts ./
# Migrations for `npm run db:migrate`, and prisma/role-aliases.csv, which imports read.
COPY prisma prisma
# The offline schema engine `npm run db:migrate` runs (prisma.config.ts points the Prisma CLI at it).
COPY scripts/prisma-schema-engine.mjs scripts/
COPY contract contract
# The paygraph command (import, report, apikey): docker compose exec paygraph npx paygraph --help
COPY bin bin
COPY --from=build /app/dist dist
# The server runs dist/; the npm scripts (`npm run db:seed`, `npm run import`, …) still run TypeScript through tsx.
COPY tsconfig.json ./
COPY src src
COPY --from=build /app/src/generated src/generated
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations first (prisma migrate deploy), then node itself as PID 1, so SIGTERM reaches its graceful shutdown.
# A 1 GiB heap bound keeps V8's heap growth to its small-heap factor (docs/decisions/0010-heap-bound.md).
CMD ["sh", "-c", "npm run db:migrate && exec node --enable-source-maps --max-old-space-size=1024 dist/main.js"]
