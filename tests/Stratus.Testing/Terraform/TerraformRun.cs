using System.Diagnostics;
using System.Text;

namespace Stratus.Testing.Terraform;

/// <summary>A terraform process the test started: its output so far, and its end.</summary>
public sealed class TerraformRun : IDisposable
{
    private readonly Process _process;
    private readonly string[] _args;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    internal TerraformRun(Process process, string[] args, string? stdin)
    {
        _process = process;
        _args = args;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (stdin is not null)
        {
            _process.StandardInput.Write(stdin);
            _process.StandardInput.Flush();
        }
        else
        {
            _process.StandardInput.Close();
        }
    }

    /// <summary>Standard output so far.</summary>
    public string Output => Read(_output);

    /// <summary>Standard error so far.</summary>
    public string Error => Read(_error);

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the end; on cancellation kills terraform and throws with what it wrote.</summary>
    public async Task<TerraformResult> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"terraform {string.Join(' ', _args)} did not finish in time. Output so far:\n{Output}\n{Error}");
        }

        // The parameterless wait also drains the redirected streams.
        _process.WaitForExit();
        return new TerraformResult(_process.ExitCode, Output, Error);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
