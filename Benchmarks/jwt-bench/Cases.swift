// The registry of benchmark cases; each issue adds its group here.
func allCases() -> [BenchCase] {
    primitiveCases() + rsaCases() + jsonCases() + jwkCases() + jwtCases() + pssHMACCases() + ed25519Cases() + ecCases()
}
