using PaySim.Gateway.Apis;
using PaySim.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPaySimGateway();

var app = builder.Build();
app.UseExceptionHandler();
app.MapPaySimApi();
app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
app.Run();

public partial class Program;
