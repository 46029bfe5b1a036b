using BenchmarkDotNet.Running;
using Portcullis.Bench;

// A small dispatcher: named one-shot benchmarks by args[0], BenchmarkDotNet for everything else.
return (args.Length > 0 ? args[0] : "") switch
{
    "simulate-day" => SimulateDay.Run(args[1..]),
    "store-day" => await StoreDay.RunAsync(args[1..]),
    "csv-read" => CsvRead.Run(args[1..]),
    "edifact-tokenize" => EdifactTokenize.Run(args[1..]),
    "edifact-messages" => EdifactMessagesBench.Run(args[1..]),
    "dcsa-parse" => DcsaParse.Run(args[1..]),
    "rules-eval" => RulesEval.Run(args[1..]),
    "ingest-cuscar" => await IngestBench.RunAsync("cuscar", args[1..]),
    "ingest-dcsa" => await IngestBench.RunAsync("dcsa", args[1..]),
    "ingest-itmatt" => await IngestItmattBench.RunAsync(args[1..]),
    "ingest-cargoxml" => await AirBench.RunAsync(args[1..]),
    "ingest-cuscar-large" => await IngestBench.RunAsync("cuscar-large", args[1..]),
    "risk-train" => RiskBench.Train(args[1..]),
    "risk-score" => RiskBench.Score(args[1..]),
    "select-plan" => SelectionBench.Run(args[1..]),
    "monitoring-dashboard" => await MonitoringBench.RunAsync(args[1..]),
    "audit-leads-db" => await AuditLeadsDbBench.RunAsync(args[1..]),
    "waterbed-detection" => WaterbedDetectionBench.Run(args[1..]),
    "worklists" => await WorklistBench.RunAsync(args[1..]),
    "audit-append" => await AuditBench.RunAsync(args[1..]),
    "parties-resolve" => PartiesResolveBench.Speed(args[1..]),
    "parties-resolve-quality" => PartiesResolveBench.Quality(args[1..]),
    "readings-mqtt" => await ReadingsBench.RunAsync(args[1..]),
    "scan-viewer-paint" => await ScanViewerBench.RunAsync(args[1..]),
    "network-eval" => NetworkBench.Evaluate(args[1..]),
    "network-case-load" => await NetworkLoadBench.RunAsync(args[1..]),
    "network-endpoint-load" => await NetworkEndpointBench.RunAsync(args[1..]),
    "audit-leads" => AuditLeadsBench.Run(args[1..]),
    "sanctions-eval" => SanctionsBench.Evaluate(args[1..]),
    "scan-compare-eval" => ScanCompareBench.Evaluate(args[1..]),
    "sanctions-screen" => SanctionsBench.Screen(args[1..]),
    "parcels-eval" => ParcelBench.Evaluate(args[1..]),
    "parcel-materials" => ParcelMaterialsBench.Run(args[1..]),
    "parcels-powder" => ParcelPowderBench.Run(args[1..]),
    "parcels-dump" => ParcelDumpBench.Run(args[1..]),
    "parcels-noise" => ParcelNoiseBench.Run(args[1..]),
    "scan-containers-eval" => ContainerAnalysisBench.Evaluate(args[1..]),
    // BenchmarkDotNet micro-benchmarks (Micro/): bdn --filter '*' [--job short], any BenchmarkSwitcher arguments.
    "bdn" => RunBenchmarkDotNet(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(SimulateDay).Assembly).Run(args);
    return 0;
}
