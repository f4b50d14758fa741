@echo off
rem flickrbackup.cmd: runs lib\flickrbackup.jar with Java 17 or later (see bin/flickrbackup).
rem Java: %JAVA_HOME%\bin\java.exe, else java on the PATH. JVM options: the defaults below,
rem then %JAVA_OPTS%, then %FLICKRBACKUP_OPTS% (later ones win). Exit status: the program's.
setlocal
set "FB_HOME=%~dp0.."
set "FB_JAR=%FB_HOME%\lib\flickrbackup.jar"
if not exist "%FB_JAR%" (
  echo flickrbackup: %FB_JAR% is missing 1>&2
  exit /b 1
)
set "FB_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "FB_JAVA=%JAVA_HOME%\bin\java.exe"
set "FB_OPTS=-Xms16m -Xmx256m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -Xshare:auto -Xlog:disable -Xlog:all=warning,cds*=off:stderr"
echo %JAVA_OPTS% %FLICKRBACKUP_OPTS% | findstr /r /c:"-XX:+Use[A-Za-z]*GC" >nul || set "FB_OPTS=%FB_OPTS% -XX:+UseSerialGC"
rem C2 only for SHA-256 and AES-GCM, C1 for the rest: see bin/flickrbackup.
set "FB_JIT=-XX:CompileCommand=quiet -XX:CompileCommand=MaxNodeLimit,*.*,1 -XX:CompileCommand=MaxNodeLimit,sun/security/provider/SHA2*.*,80000 -XX:CompileCommand=MaxNodeLimit,sun/security/provider/DigestBase*.*,80000 -XX:CompileCommand=MaxNodeLimit,com/sun/crypto/provider/AESCrypt*.*,80000 -XX:CompileCommand=MaxNodeLimit,com/sun/crypto/provider/GHASH*.*,80000 -XX:CompileCommand=MaxNodeLimit,com/sun/crypto/provider/CounterMode*.*,80000 -XX:CompileCommand=MaxNodeLimit,com/sun/crypto/provider/GCTR*.*,80000 -XX:CompileCommand=MaxNodeLimit,com/sun/crypto/provider/GaloisCounterMode*.*,80000 -XX:Tier4InvocationThreshold=100 -XX:Tier4MinInvocationThreshold=50 -XX:Tier4CompileThreshold=300 -XX:Tier4BackEdgeThreshold=2000"
rem The archive only while the jar has the size it was made for (bin/flickrbackup records it; the
rem JVM refuses an archive made for another jar whole, and then shares no class at all).
set FB_CDS=
set FB_MADE_FOR=
if exist "%FB_HOME%\lib\flickrbackup.jsa.made-for" set /p FB_MADE_FOR=<"%FB_HOME%\lib\flickrbackup.jsa.made-for"
for %%F in ("%FB_JAR%") do set "FB_JAR_SIZE=%%~zF"
if exist "%FB_HOME%\lib\flickrbackup.jsa" if defined FB_MADE_FOR for /f "delims=|" %%S in ("%FB_MADE_FOR%") do if "%%S"=="%FB_JAR_SIZE%" set FB_CDS="-XX:SharedArchiveFile=%FB_HOME%\lib\flickrbackup.jsa"
"%FB_JAVA%" %FB_OPTS% %FB_JIT% %FB_CDS% %JAVA_OPTS% %FLICKRBACKUP_OPTS% -jar "%FB_JAR%" %*
exit /b %ERRORLEVEL%
