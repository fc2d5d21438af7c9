using Stratus.Testing.Hosting;

namespace Stratus.Client.Tests;

/// <summary>The in-process API (<see cref="StratusApiFactory"/>) whose live OpenAPI document the client is generated from.</summary>
public sealed class ClientApiFixture : StratusApiFactory;
