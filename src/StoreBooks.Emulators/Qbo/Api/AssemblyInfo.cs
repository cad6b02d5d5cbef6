using System.Runtime.CompilerServices;

// The query tokenizer, parser and evaluator and the arithmetic are unit-tested directly.
[assembly: InternalsVisibleTo("StoreBooks.Emulators.Tests")]
