namespace Stratus.Api.Tests;

/// <summary>
/// The API in one of its hosts: the standalone web application (<see cref="StratusApiFixture"/>) or the Azure app's
/// HTTP functions (<see cref="Hosts.AzureFunctionsApiFixture"/>). Tests written against this run the same way in both.
/// </summary>
public interface IStratusApiHost
{
    /// <summary>The bootstrap admin's bearer token, which <see cref="CreateClient()"/>'s clients send.</summary>
    string AdminToken { get; }

    /// <summary>The host's data folder (the embedded store and its secret key).</summary>
    string DataPath { get; }

    /// <summary>The host's root services.</summary>
    IServiceProvider Services { get; }

    /// <summary>A client that sends the admin token.</summary>
    HttpClient CreateClient();

    /// <summary>A client that sends <paramref name="token"/> as its bearer token, or no credentials at all.</summary>
    HttpClient CreateClient(string? token);
}
