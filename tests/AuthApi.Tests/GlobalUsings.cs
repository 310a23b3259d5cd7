global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using AuthApi.Tests.Infrastructure;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
