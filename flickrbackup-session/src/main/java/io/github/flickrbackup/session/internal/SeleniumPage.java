package io.github.flickrbackup.session.internal;

import io.github.flickrbackup.session.BrowserPage;
import java.net.URI;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/** {@link BrowserPage} over a Selenium driver. */
final class SeleniumPage implements BrowserPage {
  private final WebDriver driver;

  SeleniumPage(WebDriver driver) {
    this.driver = driver;
  }

  @Override
  public URI currentUrl() {
    try {
      return URI.create(driver.getCurrentUrl());
    } catch (WebDriverException e) {
      throw new IllegalStateException("cannot read the browser's URL: " + Drivers.firstLine(e), e);
    }
  }

  @Override
  public void fill(String cssSelector, String text) {
    WebElement element = find(cssSelector);
    try {
      element.clear();
      element.sendKeys(text);
    } catch (WebDriverException e) {
      throw new IllegalStateException("cannot type into " + cssSelector + ": " + Drivers.firstLine(e), e);
    }
  }

  @Override
  public void click(String cssSelector) {
    WebElement element = find(cssSelector);
    try {
      element.click();
    } catch (WebDriverException e) {
      throw new IllegalStateException("cannot click " + cssSelector + ": " + Drivers.firstLine(e), e);
    }
  }

  private WebElement find(String cssSelector) {
    try {
      return driver.findElement(By.cssSelector(cssSelector));
    } catch (WebDriverException e) {
      throw new IllegalStateException("no element matches " + cssSelector + " on " + driver.getCurrentUrl(), e);
    }
  }
}
