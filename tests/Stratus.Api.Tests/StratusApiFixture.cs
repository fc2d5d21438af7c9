using Stratus.Testing.Hosting;

namespace Stratus.Api.Tests;

/// <summary>The shared in-process API (<see cref="StratusApiFactory"/>) as one of the hosts the API suites run on.</summary>
public sealed class StratusApiFixture : StratusApiFactory, IStratusApiHost;
