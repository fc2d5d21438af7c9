using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Tests.Infrastructure;

internal sealed record CapturedLog(string Category, LogLevel Level, string Message);
