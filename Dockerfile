# One image for the three apps; the compose file picks the app with its command.
# Node 24 is the active LTS; the code also keeps running on Node 20.19+ (package.json engines), which CI uses.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The workspace's own package.json, so that npm ci links it and installs its dependencies.
COPY libs/client/package.json libs/client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The default TRANSFORM_DIR: the SQL files sql_transform may run.
COPY --from=build /app/transforms ./transforms
USER node
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
