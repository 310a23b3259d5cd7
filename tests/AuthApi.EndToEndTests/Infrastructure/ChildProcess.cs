using System.Diagnostics;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>Runs a command line tool to its end, with a deadline, and keeps what it printed.</summary>
public static class ChildProcess
{
    /// <summary>Starts the process, reads both outputs and kills it (with its children) when it outlives the timeout.</summary>
    public static async Task<ProcessRun> RunAsync(Func<Process> start, TimeSpan timeout, string description)
    {
        using var process = start();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{description} did not finish within {timeout.TotalSeconds:0} s:\n{await output}\n{await errors}");
        }
        return new ProcessRun(process.ExitCode, await output, await errors);
    }
}

/// <summary>How a command ended, and what it printed.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Errors}";
}
