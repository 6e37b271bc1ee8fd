// The `ceki` executable: everything it does lives in the CekiServer library, which the tests use too.
import CekiServer

await CekiCommand.runFromCommandLine()
