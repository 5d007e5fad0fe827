// Starts the backend: settings from the environment, one key set and two verifiers (access and ID
// tokens) built once and shared by every request, the key set fetched before the first request.
import Foundation
import Hummingbird
import Logging
import PureJWT
import PureJWTFoundation

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardOutput(label: label)
    handler.logLevel = .info
    return handler
}
var logger = Logger(label: "cognito-backend")

let config: Configuration
do { config = try Configuration(environment: ProcessInfo.processInfo.environment) } catch {
    logger.critical("configuration: \(error)")
    exit(2)
}
logger.logLevel = config.logLevel

// One remote key set for the pool, shared by both verifiers: one cache, one refetch cooldown.
let keys = RemoteKeySet(url: config.jwksURL, options: RemoteKeySetOptions(cooldown: config.jwksCooldown),
                        fetcher: URLSessionJWKSFetcher().fetcher)
let pool = try CognitoUserPool(id: config.userPoolID)
let accessVerifier = CognitoVerifier(pools: [.init(pool: pool, clientIDs: [config.clientID], tokenUse: .access, keys: .remote(keys))], clock: .system)
let idVerifier = CognitoVerifier(pools: [.init(pool: pool, clientIDs: [config.clientID], tokenUse: .id, keys: .remote(keys))], clock: .system)
do {
    try await keys.hydrate()
    logger.info("key set loaded", metadata: ["url": .string(config.jwksURL), "keys": .stringConvertible(keys.status.keyCount)])
} catch {
    // Not fatal: requests get 503 until the key set can be fetched.
    logger.warning("key set not loaded yet", metadata: ["url": .string(config.jwksURL), "error": .string(error.code.rawValue)])
}

let cognito = CognitoAPI(endpoint: config.endpoint, clientID: config.clientID, clientSecret: config.clientSecret)
let router = buildRouter(config, cognito: cognito, accessVerifier: accessVerifier, idVerifier: idVerifier)
var appLogger = Logger(label: "cognito-backend.http")
appLogger.logLevel = config.logLevel
let app = Application(router: router, configuration: .init(address: .hostname(config.host, port: config.port), serverName: "CognitoBackend"),
                      logger: appLogger)
logger.info("listening", metadata: ["address": "\(config.host):\(config.port)", "pool": .string(config.userPoolID),
                                    "clientSecret": .string(config.clientSecret == nil ? "no" : "yes")])
try await app.runService()
