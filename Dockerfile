# paygraph in a container. Not exercised by CI (no Docker engine runs there); see compose.yaml.
#   docker build -t paygraph .
#   docker run -e DATABASE_URL=postgresql://user:password@host:5432/paygraph -p 4000:4000 paygraph

FROM node:20-slim AS dependencies
WORKDIR /app
# What `npm ci` needs: the lockfile, and the Prisma schema and config for its postinstall `prisma generate`.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/
COPY scripts/prisma-schema-engine.mjs scripts/
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies /app/node_modules node_modules
# tsconfig.json is read at run time: tsx compiles TypeGraphQL's decorators as it says (experimentalDecorators).
COPY package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY prisma prisma
# The offline schema engine `npm run db:migrate` runs (prisma.config.ts points the Prisma CLI at it).
COPY scripts/prisma-schema-engine.mjs scripts/
COPY contract contract
COPY src src
COPY --from=dependencies /app/src/generated src/generated
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations first (prisma migrate deploy), then the server as PID 1, so SIGTERM reaches its graceful shutdown.
CMD ["sh", "-c", "npm run db:migrate && exec node --max-semi-space-size=64 --import tsx src/main.ts"]
