using AuthApi.Benchmarks.Infrastructure;
using BenchmarkDotNet.Running;

// Every benchmark class of this assembly; pick with --filter, shorten with --job short (or check with --job dry).
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkHost).Assembly).Run(args);
