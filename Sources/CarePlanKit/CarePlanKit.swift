// The library's one import for its users (the CLI, the benchmarks, the tests): the layers
// below are re-exported, so `import CarePlanKit` sees the whole package API.
@_exported import CarePlanBasics
@_exported import CarePlanSyntax
@_exported import CarePlanModel
@_exported import CarePlanInterpret
@_exported import CarePlanAnalysis
@_exported import CarePlanExport
