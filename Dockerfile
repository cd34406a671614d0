# One image for every service: the services differ only in their main class (see docker-compose.yml).
# Build stage: the same Maven build as bin/test, without the tests; gcc builds the switch simulator.
FROM maven:3.9-eclipse-temurin-21 AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests install \
 && mvn -B -ntp -pl dev-stack dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp dev-stack/target/dev-stack-*.jar /app/lib/

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 callevents && mkdir -p /data && chown callevents /data
COPY --from=build /app/lib /app/lib
USER callevents
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# JNA loads the switch library: native access granted up front (JDK 24+ warns otherwise).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/lib/*"]
